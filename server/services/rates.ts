import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { naRateSets, projectAgreementRates } from "@/db/schema";
import { resolveRates, type RateOverrides, type RateTables } from "@/server/rules";

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
  /** The NA set's figures (null: none), to tell each figure's origin. */
  naFigures: RateOverrides | null;
  /** The project's newest grant-agreement figures layered over the NA's (null: none entered). */
  agreement: { id: string; version: number; figures: RateOverrides } | null;
  rates: RateTables;
}

/** The project's newest grant-agreement version (services/agreement-rates.ts), scoped by its school. */
export async function agreementFor(db: DbOrTx, project: { id: string; organisationId: string }) {
  const [row] = await db
    .select({ id: projectAgreementRates.id, version: projectAgreementRates.version, figures: projectAgreementRates.figures })
    .from(projectAgreementRates)
    .where(and(eq(projectAgreementRates.projectId, project.id), eq(projectAgreementRates.organisationId, project.organisationId)))
    .orderBy(desc(projectAgreementRates.version))
    .limit(1);
  return row ?? null;
}

/**
 * The rate set a project's grants are computed with: "pinned" keeps the project's set, "newest"
 * (an officer's re-apply, or a project not yet saved) takes the NA's newest set for the year.
 */
export async function rateSetFor(
  db: DbOrTx,
  project: { naCode: string; callYear: number; rateSetId: string | null; id?: string; organisationId?: string },
  choice: "pinned" | "newest" = "pinned",
): Promise<ChosenRateSet> {
  const [set] = await db
    .select({ id: naRateSets.id, figures: naRateSets.figures })
    .from(naRateSets)
    .where(and(eq(naRateSets.naCode, project.naCode), eq(naRateSets.callYear, project.callYear)))
    .orderBy(...choiceOrder(choice === "pinned" ? project.rateSetId : null))
    .limit(1);
  // Precedence: the project's own grant agreement, then the NA's set, then the shipped tables.
  const agreement = project.id && project.organisationId ? await agreementFor(db, { id: project.id, organisationId: project.organisationId }) : null;
  const naFigures = set?.figures ?? null;
  return { id: set?.id ?? null, naFigures, agreement, rates: resolveRates({ na: naFigures, agreement: agreement?.figures ?? null }) };
}

/**
 * The same choice as a correlated subquery, for statements over `projects` joined with
 * `organisations` (the dashboards, the NA portfolio): the figures of the set that applies.
 */
export const projectRateFiguresSql = sql`(select ${naRateSets.figures} from ${naRateSets}
  where ${naRateSets.naCode} = "organisations"."na_code" and ${naRateSets.callYear} = "projects"."call_year"
  order by ${sql.join(choiceOrder(sql`"projects"."rate_set_id"`), sql`, `)} limit 1)`;

/**
 * The project's newest grant-agreement figures as a correlated subquery over `projects` (null: none),
 * layered over projectRateFiguresSql by resolveRates({ na, agreement }).
 */
export const projectAgreementFiguresSql = sql`(select ${projectAgreementRates.figures} from ${projectAgreementRates}
  where ${projectAgreementRates.projectId} = "projects"."id" and ${projectAgreementRates.organisationId} = "projects"."organisation_id"
  order by ${projectAgreementRates.version} desc limit 1)`;

/**
 * One numeric figure of the rates that apply, in SQL, with the resolver's precedence: the project's
 * grant agreement (`agreement`, a RateOverrides jsonb or null), then the NA's set (`na`), then the
 * shipped value — the SQL form of resolveRates for statements that judge many projects at once.
 * `path` is the figure's path in the tables; elements may be SQL (a row's call year or activity).
 */
export function effectiveFigureSql(layers: { agreement: SQL; na: SQL }, path: readonly (string | SQL)[], shipped: SQL | number, field?: string): SQL {
  const elements = [...path, "value", ...(field ? [field] : [])].map((element) => (typeof element === "string" ? sql`${element}::text` : sql`(${element})::text`));
  const pathSql = sql`array[${sql.join(elements, sql`, `)}]`;
  const shippedSql = typeof shipped === "number" ? sql`${shipped}::int` : shipped;
  return sql`coalesce((${layers.agreement} #>> ${pathSql})::int, (${layers.na} #>> ${pathSql})::int, ${shippedSql})`;
}
