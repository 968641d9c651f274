import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { naRateSets } from "@/db/schema";
import { DEFAULT_RATES, withOverrides, type RateOverrides, type RateTables } from "@/server/rules";

/**
 * The rate tables the engine uses for a project: the shipped tables with the NA's own figures for
 * that call year layered on (the newest version an NA officer saved), so a figure an NA sets is used
 * at once.
 */
export async function ratesFor(db: DbOrTx, naCode: string, callYear: number): Promise<RateTables> {
  const [set] = await db
    .select({ figures: naRateSets.figures })
    .from(naRateSets)
    .where(and(eq(naRateSets.naCode, naCode), eq(naRateSets.callYear, callYear)))
    .orderBy(desc(naRateSets.version))
    .limit(1);
  return set ? withOverrides(DEFAULT_RATES, set.figures as RateOverrides) : DEFAULT_RATES;
}

export interface ChosenRateSet {
  /** The na_rate_sets row (null: the NA has no set for the year; the shipped tables alone). */
  id: string | null;
  rates: RateTables;
}

/**
 * The rate set a project's grants are computed with (docs/decisions.md, "NA rate sets"): a project
 * pinned to a set (projects.rate_set_id) keeps it until an officer re-applies the newest; an unpinned
 * project gets the newest set of its NA and call year (and storeProjectGrants pins it to that set).
 */
export async function rateSetFor(
  db: DbOrTx,
  project: { naCode: string; callYear: number; rateSetId: string | null },
  choice: "pinned" | "newest" = "pinned",
): Promise<ChosenRateSet> {
  const scope = and(eq(naRateSets.naCode, project.naCode), eq(naRateSets.callYear, project.callYear));
  const pinned = choice === "pinned" && project.rateSetId !== null;
  const [set] = await db
    .select({ id: naRateSets.id, figures: naRateSets.figures })
    .from(naRateSets)
    .where(pinned && project.rateSetId ? and(scope, eq(naRateSets.id, project.rateSetId)) : scope)
    .orderBy(desc(naRateSets.version))
    .limit(1);
  // A pinned id that is not a set of this NA and year (the project moved year, say) falls back to the newest.
  if (!set && pinned) return rateSetFor(db, project, "newest");
  return set ? { id: set.id, rates: withOverrides(DEFAULT_RATES, set.figures as RateOverrides) } : { id: null, rates: DEFAULT_RATES };
}
