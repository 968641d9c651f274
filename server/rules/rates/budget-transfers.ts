/**
 * Budget transfers between categories (domain doc §6): "in each NA contract (Annex 2/5): percentages
 * U, so configurable per call year and NA". No source gives the school-education figure; 20 % is the
 * placeholder (confidence U) until an NA enters its contract's figure (na_rate_sets → withOverrides).
 */
import type { BudgetTransferRules } from "./types";
import { figure, forCallYears } from "./figure";

export const BUDGET_TRANSFER_RULES = forCallYears<BudgetTransferRules>([2021, 2022, 2023, 2024, 2025, 2026], {
  maxIncreasePercent: figure(20, "U", "erasmus-school-rules.md §6, budget transfers (NA contract; percentage unconfirmed)"),
});
