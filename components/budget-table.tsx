import { getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import type { GrantLine } from "@/server/rules";

/*
 * A project's budget per category — awarded, committed, realised and (on the school's dashboard) remaining —
 * for the school's project dashboard and the NA officer's read-only project view. Amounts in cents as the
 * services return them (the remainder too: the dashboard service computes it, this only shows it); a
 * committed amount over its award, and a negative remainder, are marked.
 */

export interface BudgetTableRow {
  line: GrantLine;
  awardedCents: number;
  committedCents: number;
  realisedCents: number;
  /** Awarded minus committed, as the service computed it; the column shows when every row has one. */
  remainingCents?: number;
  /** Committed (realised) mobilities whose amount for the line is unknown (a missing rate): the sum is "at least". */
  committedUnknown?: number;
  realisedUnknown?: number;
}

type Total = Omit<BudgetTableRow, "line" | "committedUnknown" | "realisedUnknown"> & {
  /** Mobilities with an incomplete grant among the committed (realised) ones. */
  committedIncomplete?: number;
  realisedIncomplete?: number;
};

export async function BudgetTable({ rows, total }: { rows: BudgetTableRow[]; total: Total }) {
  const [t, tCat, fmt] = await Promise.all([getTranslations("dashboard.project"), getTranslations("budgetCategories"), getFormatters()]);
  const money = (cents: number) => fmt.money(cents);
  // A sum over mobilities with a missing rate is a lower bound: "at least", and how many are missing.
  // Nothing known yet is said as such, never as "at least €0.00".
  const atLeast = (cents: number, unknown: number | undefined, testId?: string) =>
    unknown && cents === 0 ? (
      <span data-testid={testId} className="text-amber-700 dark:text-amber-400">
        {t("unknownCount", { count: unknown })}
      </span>
    ) : unknown ? (
      <span data-testid={testId} title={t("unknownCount", { count: unknown })}>
        {t("atLeast", { amount: money(cents) })}
        <span className="block text-xs font-normal text-amber-700 dark:text-amber-400">{t("unknownCount", { count: unknown })}</span>
      </span>
    ) : (
      money(cents)
    );
  const showRemaining = total.remainingCents !== undefined && rows.every((r) => r.remainingCents !== undefined);
  const over = (r: Total) => r.committedCents > r.awardedCents;
  const remainingCell = (r: Total, emphasis: string) => (
    <TableCell className={cn("text-right tabular-nums", (r.remainingCents ?? 0) < 0 && emphasis)}>{money(r.remainingCents ?? 0)}</TableCell>
  );
  return (
    <Table data-testid="budget-table">
      <TableHeader>
        <TableRow>
          <TableHead>{t("category")}</TableHead>
          <TableHead className="text-right">{t("awarded")}</TableHead>
          <TableHead className="text-right">{t("committed")}</TableHead>
          <TableHead className="text-right">{t("realised")}</TableHead>
          {showRemaining && <TableHead className="text-right">{t("remaining")}</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.line} data-category={r.line}>
            <TableCell className="font-medium">{tCat(r.line)}</TableCell>
            <TableCell className="text-right tabular-nums">{money(r.awardedCents)}</TableCell>
            <TableCell className={cn("text-right tabular-nums", over(r) && "font-medium text-destructive")}>{atLeast(r.committedCents, r.committedUnknown)}</TableCell>
            <TableCell className="text-right tabular-nums">{atLeast(r.realisedCents, r.realisedUnknown)}</TableCell>
            {showRemaining && remainingCell(r, "font-medium text-destructive")}
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow>
          <TableCell>{t("total")}</TableCell>
          <TableCell className="text-right tabular-nums">{money(total.awardedCents)}</TableCell>
          <TableCell className={cn("text-right tabular-nums", over(total) && "text-destructive")}>{atLeast(total.committedCents, total.committedIncomplete, "budget-committed-total")}</TableCell>
          <TableCell className="text-right tabular-nums">{atLeast(total.realisedCents, total.realisedIncomplete)}</TableCell>
          {showRemaining && remainingCell(total, "text-destructive")}
        </TableRow>
      </TableFooter>
    </Table>
  );
}
