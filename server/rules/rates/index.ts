/**
 * The shipped rate tables and how National Agency figures are layered over them.
 */
import type { Figure, FigureOrigin } from "../types";
import type { RateTables } from "./types";
import { BUDGET_TRANSFER_RULES } from "./budget-transfers";
import { COUNTRY_GROUPS } from "./country-groups";
import {
  COURSE_FEE_RATES,
  EXPENSIVE_TRAVEL_RULES,
  INCLUSION_SUPPORT_RATES,
  LINGUISTIC_SUPPORT_RATES,
  ORGANISATIONAL_SUPPORT_RATES,
  PREPARATORY_VISIT_RATES,
} from "./cost-categories";
import { DURATION_LIMITS } from "./durations";
import { INDIVIDUAL_SUPPORT_RATES, INDIVIDUAL_SUPPORT_REDUCTION } from "./individual-support";
import { PROJECT_RULES } from "./project-rules";
import { TRAVEL_DAY_RULES, TRAVEL_RATES } from "./travel";

export type * from "./types";

export const DEFAULT_RATES: RateTables = {
  travel: TRAVEL_RATES,
  travelDays: TRAVEL_DAY_RULES,
  countryGroups: COUNTRY_GROUPS,
  individualSupport: INDIVIDUAL_SUPPORT_RATES,
  individualSupportReduction: INDIVIDUAL_SUPPORT_REDUCTION,
  organisationalSupport: ORGANISATIONAL_SUPPORT_RATES,
  courseFees: COURSE_FEE_RATES,
  inclusionSupport: INCLUSION_SUPPORT_RATES,
  linguisticSupport: LINGUISTIC_SUPPORT_RATES,
  expensiveTravel: EXPENSIVE_TRAVEL_RULES,
  durations: DURATION_LIMITS,
  preparatoryVisits: PREPARATORY_VISIT_RATES,
  budgetTransfers: BUDGET_TRANSFER_RULES,
  project: PROJECT_RULES,
};

/**
 * Overrides mirror the tables, every level optional, down to whole figures: an override replaces a
 * figure entirely (value, source and confidence together), so provenance is never mixed.
 */
export type RateOverrides = DeepPartial<RateTables>;
type DeepPartial<T> = T extends Figure<unknown> ? T : { readonly [K in keyof T]?: DeepPartial<T[K]> };

/** A level of the tables (as opposed to a figure, a leaf: only figures have a confidence). */
function isBranch(value: unknown): value is Readonly<Record<string, unknown>> {
  return value instanceof Object && !("confidence" in value);
}

type LayerOrigin = Exclude<FigureOrigin, "default">;

function layer(base: unknown, override: unknown, origin: LayerOrigin | undefined): unknown {
  if (override === undefined) return base;
  if (!isBranch(override)) return origin && override instanceof Object ? { ...override, origin } : override;
  // A level the base lacks (an NA or call year the shipped tables do not hold) is layered over nothing.
  const under = isBranch(base) ? base : {};
  const merged: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(override)) merged[key] = layer(under[key], value, origin);
  return merged;
}

/**
 * Layers NA / call-year figures (e.g. an NA's individual support rates entered in the app) over
 * `base`, each figure stamped with `origin` when given. Pure: `base` is not modified.
 */
export function withOverrides(base: RateTables, overrides: RateOverrides, origin?: LayerOrigin): RateTables {
  // The override type mirrors RateTables level by level, so the layered object has its shape.
  return layer(base, overrides, origin) as RateTables;
}

/** Where a figure in force comes from: its stamp, else the shipped default. */
export function originOf(figure: Figure<unknown>): FigureOrigin {
  return figure.origin ?? "default";
}

/**
 * The layers of figures that apply to one project, most specific last: the NA's rate set for the
 * call year, then the project's own grant agreement. Absent layers are skipped.
 */
export interface RateLayers {
  na?: RateOverrides | null;
  agreement?: RateOverrides | null;
}

/**
 * THE rate resolver: the shipped tables, the NA's figures over them, the agreement's over those.
 * Every figure in force says which layer it came from (`origin`: "na", "agreement"; none: default).
 */
export function resolveRates(layers: RateLayers, base: RateTables = DEFAULT_RATES): RateTables {
  const withNa = layers.na ? withOverrides(base, layers.na, "na") : base;
  return layers.agreement ? withOverrides(withNa, layers.agreement, "agreement") : withNa;
}
