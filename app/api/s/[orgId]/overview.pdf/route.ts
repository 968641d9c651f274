import { getLocale, getTranslations } from "next-intl/server";
import { warningValues } from "@/components/dashboard/warning-values";
import { getFormatters } from "@/components/format-server";
import { downloadHeaders, routeHandler } from "@/server/api/route-handler";
import { renderSchoolOverviewPdf } from "@/server/pdf/school-overview";

/*
 * The headteacher's school overview as a PDF file: the same service, the same translations and the
 * same formatting as the page (/s/[orgId]/overview), laid out by server/pdf/school-overview.ts.
 * Any member of the school may download it (as any member may read the page); for anyone else the
 * school does not exist.
 */

export const GET = routeHandler<{ orgId: string }>("overview.pdf", async ({ params, caller }) => {
    const overview = await caller.dashboards.schoolOverview({ orgId: params.orgId });
    const [locale, t, tRisk, tStatus, tCat, fmt] = await Promise.all([
      getLocale(),
      getTranslations("dashboard.overview"),
      getTranslations("dashboard.overview.risk"),
      getTranslations("projectStatus"),
      getTranslations("budgetCategories"),
      getFormatters(),
    ]);
    const category = (line: string) => tCat(line as Parameters<typeof tCat>[0]);
    const pdf = await renderSchoolOverviewPdf({
      locale,
      title: t("title"),
      subtitle: [`${overview.school.name} (${overview.school.oid})`, t("printedOn", { date: fmt.date(overview.today) })],
      headers: {
        project: t("project"),
        status: t("status"),
        budgetUsed: t("budgetUsed"),
        durationElapsed: t("durationElapsed"),
        participants: t("participants"),
        risks: t("risks"),
      },
      noRisks: t("noRisks"),
      empty: t("empty"),
      pageLabel: (page, pages) => t("pageOf", { page, pages }),
      rows: overview.projects.map((p) => ({
        title: p.title,
        projectNumber: p.projectNumber,
        meta: `${p.action}-SCH · ${fmt.date(p.startDate)} – ${fmt.date(p.endDate)}`,
        status: tStatus(p.status),
        budgetUsedPercent: p.budgetUsedPercent,
        budgetUsedLabel: p.budgetUsedPercent === null ? t("noAward") : t("percent", { value: p.budgetUsedPercent }),
        budgetUsedDetail: t("budgetUsedValue", {
          committed: p.committedIncomplete > 0 ? t("atLeast", { amount: fmt.money(p.committedCents) }) : fmt.money(p.committedCents),
          awarded: fmt.money(p.awardedCents),
        }),
        durationElapsedPercent: p.durationElapsedPercent,
        durationElapsedLabel: t("percent", { value: p.durationElapsedPercent }),
        participants: p.participants.cap === null ? String(p.participants.used) : `${p.participants.used} / ${p.participants.cap}`,
        risks: p.warnings.map((w) => ({ text: tRisk(w.code, warningValues(w, fmt, category)), severity: w.severity === "error" ? "error" : "warning" })),
      })),
    });
    return new Response(new Uint8Array(pdf), {
      headers: downloadHeaders("application/pdf", `school-overview-${overview.school.oid}-${overview.today}.pdf`),
    });
});
