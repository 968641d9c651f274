import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { naRateSets, organisations, projects, users } from "@/db/schema";
import { conflict, notFound } from "@/server/errors";
import type { Confidence, DailyRatesByGroup, IndividualSupportRates, RateOverrides, RateTables } from "@/server/rules";
import type { TNaRatesRef, TSetIndividualSupportRates } from "@/server/schemas/na";
import { recordAudit } from "./audit";
import { loadProjectContext, storeProjectGrantsWith } from "./mobility-grants";
import type { Officer } from "./na-oversight";
import { rateSetFor } from "./rates";

/*
 * The NA's own rate tables. An officer reads every figure the engine uses for their NA and a call
 * year (with its source and confidence, and whether it is shipped or the NA's own) and sets the NA's
 * individual-support daily rates. Each save is a NEW na_rate_sets version (never an overwrite); the
 * engine uses the newest version at once for projects not yet pinned, and a pinned project keeps its
 * version until the officer re-applies (services/rates.ts rateSetFor). NA-level audit entries carry
 * no organisation (they concern no single school); re-applying writes one entry per project, with
 * the project's school, because it changes that school's stored grants.
 */

function assertOwnNa(officer: Officer, naCode: string) {
  // Another NA's tables are not the officer's to see or set; as with any other tenant: NOT_FOUND.
  if (!officer.naCodes.includes(naCode)) throw notFound("naNotFound");
}

/** Sections of the rate tables keyed by call year (individual support is keyed by NA, then year). */
const YEAR_SECTIONS = [
  "travel",
  "travelDays",
  "individualSupportReduction",
  "organisationalSupport",
  "courseFees",
  "inclusionSupport",
  "linguisticSupport",
  "expensiveTravel",
  "durations",
  "preparatoryVisits",
  "budgetTransfers",
  "countryGroups",
] as const satisfies readonly (keyof RateTables)[];

export type TFigureUnit = "cents" | "centsList" | "days" | "dayRange" | "monthRange" | "percent" | "count" | "group";
export type TFigureValue = number | readonly number[] | Readonly<Record<string, number>>;

export interface TRateFigureRow {
  section: keyof RateTables;
  path: string[];
  value: TFigureValue;
  unit: TFigureUnit;
  source: string;
  confidence: Confidence;
  origin: "shipped" | "na";
}

export function unitOf(section: keyof RateTables, key: string, value: unknown): TFigureUnit {
  if (Array.isArray(value)) return "centsList";
  if (value instanceof Object && "minDays" in value) return "dayRange";
  if (value instanceof Object && "minMonths" in value) return "monthRange";
  if (section === "countryGroups") return "group";
  if (key === "perDay") return "cents";
  if (/percent/i.test(key)) return "percent";
  if (section === "travelDays" || /day/i.test(key)) return "days";
  if (/^(max|min|step)|Persons$|Participants$|Grants$|Years$|Months$|Organisations$|Countries$|Pupils$/.test(key)) return "count";
  return "cents";
}

const isFigure = (node: unknown): node is { value: TFigureValue; source: string; confidence: Confidence } =>
  node instanceof Object && "confidence" in node;

function at(node: unknown, path: readonly (string | number)[]): unknown {
  let current = node;
  for (const key of path) {
    if (!(current instanceof Object)) return undefined;
    current = (current as Record<string, unknown>)[String(key)];
  }
  return current;
}

function flatten(section: keyof RateTables, node: unknown, prefix: string[], naFigures: unknown, naPrefix: (string | number)[], out: TRateFigureRow[]) {
  if (node === undefined || node === null) return;
  if (isFigure(node)) {
    const key = prefix[prefix.length - 1] ?? section;
    out.push({
      section,
      path: prefix,
      value: node.value,
      unit: unitOf(section, key, node.value),
      source: node.source,
      confidence: node.confidence,
      origin: at(naFigures, [...naPrefix, ...prefix]) !== undefined ? "na" : "shipped",
    });
    return;
  }
  if (!(node instanceof Object)) return;
  for (const [key, child] of Object.entries(node)) flatten(section, child, [...prefix, key], naFigures, naPrefix, out);
}

async function listVersions(db: Db, naCode: string, callYear: number) {
  return db
    .select({ id: naRateSets.id, version: naRateSets.version, note: naRateSets.note, createdAt: naRateSets.createdAt, createdByName: users.name, figures: naRateSets.figures })
    .from(naRateSets)
    .leftJoin(users, eq(users.id, naRateSets.createdBy))
    .where(and(eq(naRateSets.naCode, naCode), eq(naRateSets.callYear, callYear)))
    .orderBy(desc(naRateSets.version));
}

/** The full daily rates of groups 1, 2 and 3 (cents), or null where the NA has none. */
const dailyRateCents = (rates: DailyRatesByGroup | undefined): [number, number, number] | null =>
  rates ? [rates[1].full.value, rates[2].full.value, rates[3].full.value] : null;

/** Every figure the engine uses for the NA and call year, with provenance, versions and pinning. */
export async function getNaRates(db: Db, officer: Officer, input: TNaRatesRef) {
  assertOwnNa(officer, input.naCode);
  const versions = await listVersions(db, input.naCode, input.callYear);
  const newest = versions[0] ?? null;
  const { rates } = await rateSetFor(db, { naCode: input.naCode, callYear: input.callYear, rateSetId: null }, "newest");
  const figures: TRateFigureRow[] = [];
  for (const section of YEAR_SECTIONS) {
    flatten(section, rates[section][input.callYear], [], newest?.figures, [section, input.callYear], figures);
  }
  flatten("individualSupport", rates.individualSupport[input.naCode]?.[input.callYear], [], newest?.figures, ["individualSupport", input.naCode, input.callYear], figures);
  flatten("project", rates.project, [], newest?.figures, ["project"], figures);
  const individual = rates.individualSupport[input.naCode]?.[input.callYear];

  const pinning = await db
    .select({
      total: sql<number>`count(*)::int`,
      onNewest: sql<number>`count(*) filter (where ${projects.rateSetId} = ${newest?.id ?? null}::uuid)::int`,
    })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(eq(organisations.naCode, input.naCode), eq(projects.callYear, input.callYear)));

  return {
    naCode: input.naCode,
    callYear: input.callYear,
    newestVersion: newest?.version ?? null,
    versions: versions.map(({ figures: _f, ...v }) => v),
    individualSupport: { staff: dailyRateCents(individual?.staff), pupil: dailyRateCents(individual?.pupil) },
    figures,
    projects: { total: pinning[0]?.total ?? 0, onNewest: newest ? (pinning[0]?.onNewest ?? 0) : 0 },
  };
}

/** Saves the NA's daily rates as a new version on top of the newest one (its other figures are kept). */
export async function setIndividualSupportRates(db: Db, officer: Officer, input: TSetIndividualSupportRates) {
  assertOwnNa(officer, input.naCode);
  return db.transaction(async (tx) => {
    // One writer per NA and call year at a time: the version numbers stay gapless and ordered.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`na_rate_sets:${input.naCode}:${input.callYear}`}))`);
    const [newest] = await tx
      .select()
      .from(naRateSets)
      .where(and(eq(naRateSets.naCode, input.naCode), eq(naRateSets.callYear, input.callYear)))
      .orderBy(desc(naRateSets.version))
      .limit(1);
    if ((newest?.version ?? null) !== input.baseVersion) throw conflict();
    const version = (newest?.version ?? 0) + 1;
    const source = `NA ${input.naCode}, individual support rates for call ${input.callYear} (rate set v${version})`;
    const rate = (cents: number) => ({ full: { value: cents, source, confidence: "A" as const } });
    const daily = ([g1, g2, g3]: readonly [number, number, number]): DailyRatesByGroup => ({ 1: rate(g1), 2: rate(g2), 3: rate(g3) });
    const individual: IndividualSupportRates = { staff: daily(input.staff), pupil: daily(input.pupil) };
    const previous: RateOverrides = newest?.figures ?? {};
    const figures: RateOverrides = {
      ...previous,
      individualSupport: { ...previous.individualSupport, [input.naCode]: { [input.callYear]: individual } },
    };
    const [created] = await tx
      .insert(naRateSets)
      .values({ naCode: input.naCode, callYear: input.callYear, version, figures, note: input.note ?? null, createdBy: officer.userId })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, { userId: officer.userId, orgId: null }, {
      action: "naRates.set",
      entityType: "na_rate_set",
      entityId: created.id,
      before: newest ? { id: newest.id, version: newest.version, individualSupport: previous.individualSupport?.[input.naCode]?.[input.callYear] ?? null } : null,
      after: { id: created.id, naCode: input.naCode, callYear: input.callYear, version, individualSupport: individual, note: created.note },
    });
    return { id: created.id, version };
  });
}

/**
 * Recomputes every project of the NA and call year with the NEWEST rate set and pins it to that set:
 * one transaction per project, under the project's lock, each with its audit entry (with the school),
 * so a long run never holds every project at once and a failure leaves each project consistent.
 */
export async function reapplyRates(db: Db, officer: Officer, input: TNaRatesRef) {
  assertOwnNa(officer, input.naCode);
  const targets = await db
    .select({ id: projects.id, organisationId: projects.organisationId })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(eq(organisations.naCode, input.naCode), eq(projects.callYear, input.callYear)))
    .orderBy(projects.id);
  let projectsChanged = 0;
  let mobilitiesChanged = 0;
  for (const target of targets) {
    const report = await db.transaction(async (tx) => {
      const [locked] = await tx
        .select({ id: projects.id })
        .from(projects)
        .where(and(eq(projects.id, target.id), eq(projects.organisationId, target.organisationId)))
        .for("update");
      if (!locked) return null;
      const project = await loadProjectContext(tx, target.organisationId, target.id);
      if (!project || project.naCode !== input.naCode || project.callYear !== input.callYear) return null;
      const stored = await storeProjectGrantsWith(tx, project, "newest");
      await recordAudit(tx, { userId: officer.userId, orgId: project.organisationId }, {
        action: "naRates.reapply",
        entityType: "project",
        entityId: project.id,
        before: { rateSetId: stored.previousRateSetId },
        after: { rateSetId: stored.rateSetId, changedMobilities: stored.changedMobilities, committedTotalCents: stored.budget.committed.totalCents },
      });
      return stored;
    });
    if (!report) continue;
    if (report.changedMobilities > 0 || report.previousRateSetId !== report.rateSetId) projectsChanged += 1;
    mobilitiesChanged += report.changedMobilities;
  }
  return { projects: targets.length, projectsChanged, mobilitiesChanged };
}

/** The NA codes an officer oversees, with the call years their schools' projects have. */
export async function listNaCallYears(db: Db, officer: Officer) {
  if (officer.naCodes.length === 0) return [];
  const rows = await db
    .selectDistinct({ naCode: organisations.naCode, callYear: projects.callYear })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(inArray(organisations.naCode, officer.naCodes));
  return rows;
}

