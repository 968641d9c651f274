import { getLocale, getTranslations } from "next-intl/server";
import { ruleIssueText } from "@/lib/rule-text";
import { downloadHeaders, routeHandler } from "@/server/api/route-handler";

/**
 * The officer's audit report (XLSX) for one school (`?school=<id>`) or a whole NA (`?na=SI01`), through
 * `na.auditReport`: officers only; a school or an NA that is not theirs is 404.
 */
export const GET = routeHandler("na/audit-report", async ({ request, caller }) => {
  const search = new URL(request.url).searchParams;
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
  const { bytes, filename } = await caller.na.auditReport({
    // `?school=` present but empty is still a school that does not exist, not the whole NA.
    schoolId: search.has("school") ? (search.get("school") ?? "") : undefined,
    naCode: search.get("na") ?? undefined,
    labels: {
      report: (k) => report(k),
      flag: (k) => flag(k),
      category: (k) => category(k),
      projectStatus: (k) => projectStatus(k),
      mobilityStatus: (k) => mobilityStatus(k),
      findingStatus: (k) => findingStatus(k),
      activity: (k) => activity(k),
      issue: (i) => ruleIssueText(i, { rules, figures, activities: activity, locale }),
    },
  });
  return new Response(new Uint8Array(bytes), {
    headers: downloadHeaders("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename),
  });
});
