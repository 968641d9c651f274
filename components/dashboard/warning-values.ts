import type { RouterOutputs } from "@/components/trpc/types";

type TDashboardWarning = RouterOutputs["dashboards"]["project"]["warnings"][number];

interface Formatters {
  money: (cents: number) => string;
  date: (iso: string) => string;
}

/** The ICU values of a dashboard warning's message (`dashboard.warnings.*`, `dashboard.overview.risk.*`). */
export function warningValues(warning: TDashboardWarning, fmt: Formatters, category: (line: string) => string): Record<string, string | number> {
  switch (warning.code) {
    case "categoryOverAward":
      return { category: category(warning.category), amount: fmt.money(warning.overCents) };
    case "totalOverAward":
      return { amount: fmt.money(warning.overCents) };
    case "transferBeyondLimit":
      return { category: category(warning.category), amount: fmt.money(warning.transferInCents), limit: fmt.money(warning.limitCents), percent: warning.limitPercent };
    case "capReached":
    case "capClose":
      return { used: warning.used, cap: warning.cap };
    case "projectEndClose":
    case "finalReportClose":
    case "finalReportOverdue":
      return { days: warning.days, date: fmt.date(warning.date) };
    case "missingEvidence":
    case "grantErrors":
      return { count: warning.count };
    case "grantIncomplete":
      return { count: warning.count, lines: warning.lines.map(category).join(", ") };
  }
}
