import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { naRateSets } from "@/db/schema";
import { resolveRates, type RateTables } from "@/server/rules";

/*
 * Which rates apply to a project — ONE choice, used by every caller (docs/decisions.md, "NA rate
 * sets"): the shipped tables with the NA's rate set for the call year layered on (rules
 * resolveRates). The set is the one the project is pinned to (projects.rate_set_id, kept until an
 * officer re-applies), else the NA's newest; a pinned id that is not a set of the project's NA and
 * year (the project moved year, say) falls back to the newest. The query below and the correlated
 * subquery that dashboards read in their one statement share the same ordering.
 */

/** Pinned set first, then the newest version. */
const choiceOrder = (rateSetId: SQL | string | null) => [
  sql`(${naRateSets.id} = ${rateSetId}::uuid) desc nulls last`,
  desc(naRateSets.version),
];

export interface ChosenRateSet {
  /** The na_rate_sets row (null: the NA has no set for the year; the shipped tables alone). */
  id: string | null;
  rates: RateTables;
}

/**
 * The rate set a project's grants are computed with: "pinned" keeps the project's set, "newest"
 * (an officer's re-apply, or a project not yet saved) takes the NA's newest set for the year.
 */
export async function rateSetFor(
  db: DbOrTx,
  project: { naCode: string; callYear: number; rateSetId: string | null },
  choice: "pinned" | "newest" = "pinned",
): Promise<ChosenRateSet> {
  const [set] = await db
    .select({ id: naRateSets.id, figures: naRateSets.figures })
    .from(naRateSets)
    .where(and(eq(naRateSets.naCode, project.naCode), eq(naRateSets.callYear, project.callYear)))
    .orderBy(...choiceOrder(choice === "pinned" ? project.rateSetId : null))
    .limit(1);
  return { id: set?.id ?? null, rates: resolveRates({ na: set?.figures ?? null }) };
}

/**
 * The same choice as a correlated subquery, for statements over `projects` joined with
 * `organisations` (the dashboards, the NA portfolio): the figures of the set that applies.
 */
export const projectRateFiguresSql = sql`(select ${naRateSets.figures} from ${naRateSets}
  where ${naRateSets.naCode} = "organisations"."na_code" and ${naRateSets.callYear} = "projects"."call_year"
  order by ${sql.join(choiceOrder(sql`"projects"."rate_set_id"`), sql`, `)} limit 1)`;

/**
 * One numeric figure of the rates that apply, in SQL: the value the set's figures (jsonb, a
 * RateOverrides object) give at `path`, else the shipped value — the SQL form of resolveRates for
 * statements that flag many projects at once.
 */
export function rateFigureSql(figures: SQL, path: readonly string[], shipped: number): SQL {
  return sql`coalesce((${figures} #>> ${`{${[...path, "value"].join(",")}}`})::int, ${shipped}::int)`;
}
