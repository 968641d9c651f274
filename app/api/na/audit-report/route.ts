import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { ruleIssueText } from "@/lib/rule-text";
import { auth } from "@/server/auth/config";
import { ZId } from "@/server/schemas/common";
import { ZNaCode } from "@/server/schemas/na";
import { listMyNaCodes } from "@/server/services/memberships";
import { buildNaAuditReport } from "@/server/services/na-audit-report";
import { listNaSchools } from "@/server/services/na-oversight";
import { log, withRequest } from "@/server/log";

/**
 * The officer's audit report (XLSX) for one school (`?school=<id>`) or a whole NA (`?na=SI01`).
 * Only officers: the session is checked with auth(), the NA codes come from na_officers; a school
 * or an NA that is not theirs is 404, exactly like anything else that is not theirs.
 */
export const GET = (request: Request): Promise<Response> =>
  withRequest(request, async () => {
  const noStore = { "Cache-Control": "no-store" };
  const session = await auth();
  if (!session?.user?.id) return new Response("unauthorized", { status: 401, headers: noStore });
  try {
    const db = await getDb();
    const naCodes = await listMyNaCodes(db, session.user.id);
    if (naCodes.length === 0) return new Response("forbidden", { status: 403, headers: noStore });
    const officer = { userId: session.user.id, naCodes };
    const search = new URL(request.url).searchParams;
    const school = ZId.safeParse(search.get("school"));
    const na = ZNaCode.safeParse(search.get("na") ?? naCodes[0]);
    let scope: { schoolId?: string; naCode?: string };
    let name: string;
    if (search.has("school")) {
      const found = school.success ? (await listNaSchools(db, officer)).find((s) => s.id === school.data) : undefined;
      if (!found) return new Response("not found", { status: 404, headers: noStore });
      scope = { schoolId: found.id };
      name = found.name;
    } else {
      if (!na.success || !naCodes.includes(na.data)) return new Response("not found", { status: 404, headers: noStore });
      scope = { naCode: na.data };
      name = na.data;
    }
    const [report, flag, category, projectStatus, mobilityStatus, findingStatus, activity, rules, figures, locale] = await Promise.all([
      getTranslations("na.report"),
      getTranslations("na.flags"),
      getTranslations("budgetCategories"),
      getTranslations("projectStatus"),
      getTranslations("mobilityStatus"),
      getTranslations("na.findings.status"),
      getTranslations("activities"),
      getTranslations("rules"),
      getTranslations("figures"),
      getLocale(),
    ]);
    const bytes = await buildNaAuditReport(db, officer, scope, {
      report: (k) => report(k),
      flag: (k) => flag(k),
      category: (k) => category(k),
      projectStatus: (k) => projectStatus(k),
      mobilityStatus: (k) => mobilityStatus(k),
      findingStatus: (k) => findingStatus(k),
      activity: (k) => activity(k),
      issue: (i) => ruleIssueText(i, { rules, figures, activities: activity, locale }),
    });
    const day = new Date().toISOString().slice(0, 10);
    const file = `audit-${name.normalize("NFKD").replace(/[^\w-]+/g, "-").replace(/-+/g, "-").toLowerCase()}-${day}.xlsx`;
    return new Response(new Uint8Array(bytes), {
      headers: {
        ...noStore,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${file}"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    log.error({ err: error }, "NA audit report failed");
    return new Response("internal", { status: 500, headers: noStore });
  }
  });
