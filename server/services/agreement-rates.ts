import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { projectAgreementRates, projects, users } from "@/db/schema";
import { conflict, notFound } from "@/server/errors";
import { resolveRates, type DailyRatesByGroup, type Figure, type FigureOrigin, type RateOverrides, type RateTables } from "@/server/rules";
import { AGREEMENT_FIGURES, type TAgreementFigure, type TAgreementFigureValues } from "@/server/schemas/agreement-figures";
import type { TSetAgreementRates } from "@/server/schemas/projects";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";
import { loadProjectContext, storeProjectGrantsWith } from "./mobility-grants";
import { unitOf, type TFigureUnit, type TFigureValue } from "./na-rates";
import { rateSetFor } from "./rates";

/*
 * A project's own grant agreement figures (issue 11): the daily rates for staff and pupils by country
 * group and every other figure of the catalogue (server/schemas/agreement-figures.ts: organisational
 * support, course fees, inclusion and linguistic support, travel by band, the shares of exceptional
 * costs, the preparatory visit amount, duration limits), with the source text. Each save is a NEW
 * version of project_agreement_rates (never an overwrite) holding the agreement's complete set of
 * figures, layered over the NA's rate set by the one resolver (services/rates.ts rateSetFor).
 * Saving recomputes the project's stored grants in the same transaction, under the project's row
 * lock, with its audit entry. Where each figure in force comes from is the resolver's stamp
 * (`Figure.origin`), the same one the grant panel shows.
 */

/** The full daily rates of groups 1, 2 and 3 (cents), or null where none apply. */
const dailyRateCents = (rates: DailyRatesByGroup | undefined): [number, number, number] | null =>
  rates ? [rates[1].full.value, rates[2].full.value, rates[3].full.value] : null;

/** The same from override figures, where each level is optional: null unless all three are there. */
function partialRateCents(rates: { readonly [G in 1 | 2 | 3]?: { readonly full?: Figure<number> } } | undefined) {
  const [g1, g2, g3] = [rates?.[1]?.full?.value, rates?.[2]?.full?.value, rates?.[3]?.full?.value];
  return g1 !== undefined && g2 !== undefined && g3 !== undefined ? ([g1, g2, g3] as [number, number, number]) : null;
}

/** Reads the node at `path` of a rate table or override object. */
function at(node: unknown, path: readonly (string | number)[]): unknown {
  let current = node;
  for (const key of path) {
    if (!(current instanceof Object)) return undefined;
    current = (current as Record<string, unknown>)[String(key)];
  }
  return current;
}

const isFigure = (node: unknown): node is Figure<TFigureValue> => node instanceof Object && "confidence" in node;

/** A catalogue entry's figure in the tables: a duration bound is half of its activity's limit. */
function catalogueValue(tables: unknown, figure: TAgreementFigure, callYear: number): { value: number; origin: FigureOrigin; source: string } | null {
  const [first = "", second] = figure.path;
  const node = at(tables, figure.section === "durations" ? [figure.section, callYear, first] : [figure.section, callYear, ...figure.path]);
  if (!isFigure(node)) return null;
  const value = figure.section === "durations" ? at(node.value, [second ?? ""]) : node.value;
  return typeof value === "number" ? { value, origin: node.origin ?? "default", source: node.source } : null;
}

/** The agreement's figures of the catalogue as form values (id → number). */
function catalogueOf(figures: RateOverrides | null, callYear: number): TAgreementFigureValues {
  const values: TAgreementFigureValues = {};
  for (const figure of AGREEMENT_FIGURES) {
    const found = catalogueValue(figures, figure, callYear);
    if (found) values[figure.id] = found.value;
  }
  return values;
}

/** The override object a save stores: every figure given, with the agreement's source. */
function agreementOverrides(input: TSetAgreementRates, naCode: string, callYear: number, source: string): RateOverrides {
  const sourced = <T,>(value: T): Figure<T> => ({ value, source, confidence: "A" });
  const daily = ([g1, g2, g3]: readonly [number, number, number]): DailyRatesByGroup => ({ 1: { full: sourced(g1) }, 2: { full: sourced(g2) }, 3: { full: sourced(g3) } });
  const tree: Record<string, Record<string, Record<string, unknown>>> = {};
  const put = (section: string, path: readonly string[], figure: Figure<unknown>) => {
    let node: Record<string, unknown> = ((tree[section] ??= {})[String(callYear)] ??= {});
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1] ?? ""] = figure;
  };
  for (const figure of AGREEMENT_FIGURES) {
    const value = input.figures[figure.id];
    if (value === undefined) continue;
    if (figure.section !== "durations") put(figure.section, figure.path, sourced(value));
    else if (figure.path[1] === "minDays") {
      const [activity = ""] = figure.path;
      put("durations", [activity], sourced({ minDays: value, maxDays: input.figures[`durations_${activity}_maxDays`] ?? value }));
    }
  }
  const individual = {
    ...(input.staff ? { staff: daily(input.staff) } : {}),
    ...(input.pupil ? { pupil: daily(input.pupil) } : {}),
  };
  // The tree mirrors RateTables section by section (call year, then the figure's path).
  const overrides = tree as RateOverrides;
  return Object.keys(individual).length > 0 ? { ...overrides, individualSupport: { [naCode]: { [callYear]: individual } } } : overrides;
}

/** The agreement's versions, its newest figures, and every catalogue figure in force with its origin. */
export async function getAgreementRates(db: Db, actor: Actor, projectId: string) {
  const [project] = await db
    .select({ id: projects.id, callYear: projects.callYear, rateSetId: projects.rateSetId })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, actor.orgId)));
  if (!project) throw notFound("projectNotFound");
  const versions = await db
    .select({ id: projectAgreementRates.id, version: projectAgreementRates.version, source: projectAgreementRates.source, createdAt: projectAgreementRates.createdAt, createdByName: users.name })
    .from(projectAgreementRates)
    .leftJoin(users, eq(users.id, projectAgreementRates.createdBy))
    .where(and(eq(projectAgreementRates.projectId, projectId), eq(projectAgreementRates.organisationId, actor.orgId)))
    .orderBy(desc(projectAgreementRates.version));
  const set = await rateSetFor(db, { naCode: actor.naCode, callYear: project.callYear, rateSetId: project.rateSetId, id: project.id, organisationId: actor.orgId });
  const individual = set.rates.individualSupport[actor.naCode]?.[project.callYear];
  const agreementIndividual = set.agreement?.figures.individualSupport?.[actor.naCode]?.[project.callYear];
  const inForce = (kind: "staff" | "pupil") => {
    const rates = individual?.[kind];
    return { cents: dailyRateCents(rates), source: rates?.[1].full.source ?? null, origin: rates ? (rates[1].full.origin ?? "shipped") : null };
  };
  const agreementValues = catalogueOf(set.agreement?.figures ?? null, project.callYear);
  return {
    projectId: project.id,
    naCode: actor.naCode,
    callYear: project.callYear,
    newestVersion: versions[0]?.version ?? null,
    source: versions[0]?.source ?? null,
    versions,
    individualSupport: { staff: inForce("staff"), pupil: inForce("pupil") },
    /** The agreement's own daily rates (null: not in the agreement), for the form. */
    agreementIndividualSupport: { staff: partialRateCents(agreementIndividual?.staff), pupil: partialRateCents(agreementIndividual?.pupil) },
    /** Every other figure of the catalogue: the value in force and its origin, and the agreement's value. */
    figures: AGREEMENT_FIGURES.map((figure) => {
      const found = catalogueValue(set.rates, figure, project.callYear);
      return { id: figure.id, group: figure.group, section: figure.section, path: figure.path, unit: figure.unit, inForce: found?.value ?? null, origin: found?.origin ?? null, source: found?.source ?? null, agreement: agreementValues[figure.id] ?? null };
    }),
  };
}

/** Saves the agreement's figures as a new version and recomputes the project's stored grants. */
export async function setAgreementRates(db: Db, actor: Actor, input: TSetAgreementRates) {
  return db.transaction(async (tx) => {
    // The project lock: one writer of the project's figures and grants at a time.
    const [locked] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, input.projectId), eq(projects.organisationId, actor.orgId)))
      .for("update");
    if (!locked) throw notFound("projectNotFound");
    const project = await loadProjectContext(tx, actor.orgId, input.projectId);
    if (!project) throw notFound("projectNotFound");
    const [newest] = await tx
      .select()
      .from(projectAgreementRates)
      .where(and(eq(projectAgreementRates.projectId, project.id), eq(projectAgreementRates.organisationId, actor.orgId)))
      .orderBy(desc(projectAgreementRates.version))
      .limit(1);
    if ((newest?.version ?? null) !== input.baseVersion) throw conflict();
    const version = (newest?.version ?? 0) + 1;
    const figures = agreementOverrides(input, project.naCode, project.callYear, `${input.source} (project agreement rates v${version})`);
    const [created] = await tx
      .insert(projectAgreementRates)
      .values({ organisationId: actor.orgId, projectId: project.id, version, figures, source: input.source, createdBy: actor.userId })
      .returning();
    if (!created) throw new Error("insert returned no row");
    const stored = await storeProjectGrantsWith(tx, project, "pinned");
    const summary = (f: RateOverrides | null) => ({
      individualSupport: f?.individualSupport?.[project.naCode]?.[project.callYear] ?? null,
      figures: catalogueOf(f, project.callYear),
    });
    await recordAudit(tx, actor, {
      action: "agreementRates.set",
      entityType: "project",
      entityId: project.id,
      before: newest ? { id: newest.id, version: newest.version, source: newest.source, ...summary(newest.figures) } : null,
      after: {
        id: created.id, version, source: created.source, ...summary(figures),
        changedMobilities: stored.changedMobilities, committedTotalCents: stored.budget.committed.totalCents,
      },
    });
    return { id: created.id, version, changedMobilities: stored.changedMobilities };
  });
}

export interface TAgreementDifference {
  section: keyof RateTables;
  /** The figure's path under the call year (individual support: person, group, "full" | "reduced"). */
  path: string[];
  unit: TFigureUnit;
  agreement: TFigureValue;
  /** The NA's figure, else the default; null where neither has one (e.g. an NA without daily rates). */
  na: TFigureValue | null;
  naOrigin: "na" | "default" | null;
}

/** Every figure leaf of an override object, with its section and the path under NA / call year. */
function leaves(figures: RateOverrides, naCode: string, callYear: number) {
  const out: { section: keyof RateTables; path: string[]; tablePath: (string | number)[]; figure: Figure<TFigureValue> }[] = [];
  const walk = (section: keyof RateTables, node: unknown, prefix: (string | number)[], path: string[]) => {
    if (isFigure(node)) out.push({ section, path, tablePath: prefix, figure: node });
    else if (node instanceof Object) for (const [key, child] of Object.entries(node)) walk(section, child, [...prefix, key], [...path, key]);
  };
  for (const [name, node] of Object.entries(figures)) {
    const section = name as keyof RateTables;
    if (section === "individualSupport") walk(section, at(node, [naCode, callYear]), [section, naCode, callYear], []);
    else if (section === "project") walk(section, node, [section], []);
    else walk(section, at(node, [callYear]), [section, callYear], []);
  }
  return out;
}

/**
 * For the NA officer (issue 11): the project's grant-agreement figures that differ from what the
 * NA's rate set (or the default, where the NA has none) gives, with both values and the agreement's
 * source note. Null when the project has no agreement figures. The caller checks the officer's NA.
 */
export async function agreementDifferences(
  db: DbOrTx,
  project: { id: string; organisationId: string; naCode: string; callYear: number; rateSetId: string | null },
) {
  const set = await rateSetFor(db, project);
  if (!set.agreement) return null;
  const [row] = await db
    .select({ source: projectAgreementRates.source, createdAt: projectAgreementRates.createdAt })
    .from(projectAgreementRates)
    .where(and(eq(projectAgreementRates.id, set.agreement.id), eq(projectAgreementRates.organisationId, project.organisationId)));
  const naTables = resolveRates({ na: set.naFigures });
  const differences: TAgreementDifference[] = [];
  for (const leaf of leaves(set.agreement.figures, project.naCode, project.callYear)) {
    const na = at(naTables, leaf.tablePath);
    const naFigure = isFigure(na) ? na : null;
    if (naFigure && JSON.stringify(naFigure.value) === JSON.stringify(leaf.figure.value)) continue;
    const key = leaf.path[leaf.path.length - 1] ?? leaf.section;
    differences.push({
      section: leaf.section,
      path: leaf.path,
      unit: unitOf(leaf.section, key, leaf.figure.value),
      agreement: leaf.figure.value,
      na: naFigure?.value ?? null,
      naOrigin: naFigure ? (naFigure.origin === "na" ? "na" : "default") : null,
    });
  }
  return { version: set.agreement.version, source: row?.source ?? null, savedAt: row?.createdAt ?? null, differences };
}
