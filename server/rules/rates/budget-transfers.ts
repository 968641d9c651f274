/**
 * Budget transfers between categories (domain doc §6): "in each NA contract (Annex 2/5): percentages
 * U, so configurable per call year and NA". No source gives the school-education figure, so none is
 * shipped: the limit is absent (no transfer warning can fire) until an NA officer enters their
 * contract's percentage (na_rate_sets → withOverrides). A guess would be a made-up rule.
 */
import type { BudgetTransferRules } from "./types";

export const BUDGET_TRANSFER_RULES: Readonly<Partial<Record<number, BudgetTransferRules>>> = {};
