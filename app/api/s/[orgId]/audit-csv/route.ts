import { getLocale, getTranslations } from "next-intl/server";
import { zonedDate } from "@/lib/zoned-time";
import { downloadHeaders, routeHandler } from "@/server/api/route-handler";
import { env } from "@/server/env";

/** The audit trail as CSV, with the page's filters (`audit.exportCsv`: overseers of the school only). */
export const GET = routeHandler<{ orgId: string }>("audit-csv", async ({ request, params, caller }) => {
  const search = new URL(request.url).searchParams;
  const filter = (name: string) => search.get(name) ?? undefined;
  const locale = await getLocale();
  const t = await getTranslations({ locale, namespace: "audit" });
  const csv = await caller.audit.exportCsv({
    orgId: params.orgId,
    locale: locale === "sl" ? "sl" : "en",
    projectId: filter("projectId"),
    actorUserId: filter("actorUserId"),
    entityType: filter("entityType"),
    from: filter("from"),
    to: filter("to"),
    headings: {
      time: t("csv.time"),
      person: t("csv.person"),
      email: t("csv.email"),
      action: t("csv.action"),
      entityType: t("csv.entityType"),
      entityId: t("csv.entityId"),
      field: t("csv.field"),
      before: t("csv.before"),
      after: t("csv.after"),
    },
  });
  const day = zonedDate(new Date(), env.MOBILO_TIME_ZONE);
  return new Response(csv, { headers: downloadHeaders("text/csv; charset=utf-8", `audit-${day}.csv`) });
});
