/**
 * Budget transfers between categories (domain doc §6). A category whose committed grant exceeds its
 * award needs funds moved in from other categories; the NA contract limits how much a category may
 * grow that way (`budgetTransfers[callYear].maxIncreasePercent`, U unless an NA sets it). Integer
 * cents throughout.
 */
import type { RateTables } from "./rates/types";
import { GRANT_LINES, type Cents, type Confidence, type GrantLine, type GrantLines } from "./types";

export interface CategoryTransfer {
  line: GrantLine;
  awardedCents: Cents;
  committedCents: Cents;
  /** committed − awarded when positive: what has to be moved into this category. */
  transferInCents: Cents;
  /** The most this category may receive (null when the call year has no limit in the tables). */
  limitCents: Cents | null;
  overLimit: boolean;
}

export interface BudgetTransferAssessment {
  limitPercent: number | null;
  limitConfidence: Confidence | null;
  limitSource: string | null;
  categories: CategoryTransfer[];
  /** All transfers the committed grant needs, in cents. */
  transferInCents: Cents;
  /** The committed total exceeds the awarded total: no transfer can cover that. */
  overTotal: boolean;
  /** Some category needs more than the limit allows. */
  overLimit: boolean;
}

export function assessBudgetTransfers(
  callYear: number,
  awarded: GrantLines,
  committed: GrantLines,
  rates: RateTables,
): BudgetTransferAssessment {
  const limit = rates.budgetTransfers[callYear]?.maxIncreasePercent ?? null;
  let awardedTotal = 0;
  let committedTotal = 0;
  const categories = GRANT_LINES.map((line: GrantLine): CategoryTransfer => {
    const awardedCents = awarded[line];
    const committedCents = committed[line];
    awardedTotal += awardedCents;
    committedTotal += committedCents;
    const transferInCents = Math.max(0, committedCents - awardedCents);
    const limitCents = limit === null ? null : Math.floor((awardedCents * limit.value) / 100);
    return { line, awardedCents, committedCents, transferInCents, limitCents, overLimit: limitCents !== null && transferInCents > limitCents };
  });
  return {
    limitPercent: limit?.value ?? null,
    limitConfidence: limit?.confidence ?? null,
    limitSource: limit?.source ?? null,
    categories,
    transferInCents: categories.reduce((sum, c) => sum + c.transferInCents, 0),
    overTotal: committedTotal > awardedTotal,
    overLimit: categories.some((c) => c.overLimit),
  };
}
