import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { getTranslations } from "next-intl/server";
import { createTRPCContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { toAuditCsv } from "@/server/services/audit-csv";
import { log, withRequest } from "@/server/log";

/**
 * The audit trail as CSV, with the page's filters. It goes through the same `audit.export` procedure
 * as everything else, so the session, the membership and the role are checked exactly the same way.
 */
export const GET = (request: Request, { params }: { params: Promise<{ orgId: string }> }): Promise<Response> =>
  withRequest(request, async () => {
  const { orgId } = await params;
  const search = new URL(request.url).searchParams;
  const filter = (name: string) => search.get(name) ?? undefined;
  try {
    const caller = createCaller(await createTRPCContext());
    const entries = await caller.audit.export({
      orgId,
      projectId: filter("projectId"),
      actorUserId: filter("actorUserId"),
      entityType: filter("entityType"),
      from: filter("from"),
      to: filter("to"),
    });
    const t = await getTranslations("audit");
    const csv = toAuditCsv(entries, {
      time: t("csv.time"),
      person: t("csv.person"),
      email: t("csv.email"),
      action: t("csv.action"),
      entityType: t("csv.entityType"),
      entityId: t("csv.entityId"),
      field: t("csv.field"),
      before: t("csv.before"),
      after: t("csv.after"),
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) {
      return new Response(error.code, { status: getHTTPStatusCodeFromError(error), headers: { "Cache-Control": "no-store" } });
    }
    log.error({ err: error }, "audit CSV failed");
    return new Response("internal", { status: 500 });
  }
  });
