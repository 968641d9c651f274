import { sql, type SQL } from "drizzle-orm";
import { CAP_COUNTING, COMMITTED_STATUSES, REALISED_STATUSES } from "@/server/rules";

/*
 * The engine's compliance data (server/rules/compliance.ts) as SQL fragments, so the statements that
 * count and flag in the database use the same lists as the engine (never their own literals).
 */

/** A list of string literals for `in (…)`, quoted. */
export const sqlList = (values: readonly string[]): SQL => sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "));

export const COMMITTED_SQL = sqlList(COMMITTED_STATUSES);
export const REALISED_SQL = sqlList(REALISED_STATUSES);

/**
 * A mobility row `m` (an alias or table name) whose participant takes a place under the KA122 cap.
 * `statuses` narrows the cap's own (committed) statuses to count the same people among, say, the
 * realised mobilities only (the dashboards' targets).
 */
export function capParticipantSql(m: string, statuses: readonly string[] = CAP_COUNTING.statuses): SQL {
  const notCounted = sqlList([...CAP_COUNTING.notCounted, CAP_COUNTING.countsPupils]);
  return sql`(${sql.raw(m)}.status in (${sqlList(statuses)}) and not ${sql.raw(m)}.accompanying
    and ${sql.raw(m)}.activity_type not in (${notCounted}))`;
}

/** A mobility row `m` whose pupils take places under the KA122 cap (a committed group mobility; `statuses` as above). */
export function capPupilsSql(m: string, statuses: readonly string[] = CAP_COUNTING.statuses): SQL {
  return sql`(${sql.raw(m)}.status in (${sqlList(statuses)}) and ${sql.raw(m)}.activity_type = ${sqlList([CAP_COUNTING.countsPupils])})`;
}
