import { and, eq, getTableColumns, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { lineColumnKey, lineColumnValues, linesOfRow, mobilities, mobilityMembers, organisations, projects, type Mobility, type MobilityMember } from "@/db/schema";
import {
  calculateProjectBudget,
  centsToEur,
  GRANT_LINES,
  resolveDistance,
  type DistanceResolution,
  type EstimateInput,
  type FigureSource,
  type GrantIssue,
  type GrantLine,
  type GrantLines,
  type GroupEstimate,
  type MobilityEstimate,
  type ProjectBudget,
  type ProjectInput,
  type ProjectMobility,
  type RateTables,
  type RuleIssue,
} from "@/server/rules";
import { INCOMING_ACTIVITIES, type TMobilityFields } from "@/server/schemas/mobilities";
import { recordAudit } from "./audit";
import { rateSetFor } from "./rates";

/*
 * The bridge between stored mobilities and the rules engine. Grants are computed for the whole
 * project at once (the 100th-participant step and the course-fee cap depend on earlier mobilities)
 * and the engine's lines are stored per mobility, so dashboards can add them up in SQL and always
 * agree with the engine.
 */

export interface ProjectContext {
  id: string;
  organisationId: string;
  action: "KA121" | "KA122" | "KA210" | "KA220";
  callYear: number;
  startDate: string;
  endDate: string;
  naCode: string;
  schoolCountry: string;
  schoolTown: string;
  awardedLumpSumCents: number;
  /** The NA rate set the stored grants were computed with (null: none yet, or the shipped tables). */
  rateSetId: string | null;
}

export type StoredMobility = Mobility & { members: MobilityMember[] };

/** The mobility fields the engine needs, from a stored row or from a form. */
type MobilityShape = Pick<
  TMobilityFields,
  | "activityType" | "accompanying" | "startDate" | "endDate" | "travelDays" | "greenTravel" | "destinationCountry"
  | "fewerOpportunities" | "courseDays" | "inclusionRealCostCents" | "expensiveTravelRealCostCents" | "linguisticSupport"
  | "pupilCount" | "persons" | "members"
> & { distanceKm: number | null | undefined };

export async function loadProjectContext(tx: DbOrTx, organisationId: string, projectId: string): Promise<ProjectContext | null> {
  const [row] = await tx
    .select({
      id: projects.id,
      organisationId: projects.organisationId,
      action: projects.action,
      callYear: projects.callYear,
      startDate: projects.startDate,
      endDate: projects.endDate,
      awardedLumpSumCents: projects.awardedLumpSumCents,
      rateSetId: projects.rateSetId,
      naCode: organisations.naCode,
      schoolCountry: organisations.country,
      schoolTown: organisations.town,
    })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, organisationId)));
  return row ?? null;
}

export async function loadProjectMobilities(tx: DbOrTx, organisationId: string, projectId: string): Promise<StoredMobility[]> {
  const rows = await tx
    .select()
    .from(mobilities)
    .where(and(eq(mobilities.projectId, projectId), eq(mobilities.organisationId, organisationId)));
  if (rows.length === 0) return [];
  const members = await tx
    .select()
    .from(mobilityMembers)
    .where(and(eq(mobilityMembers.organisationId, organisationId), inArray(mobilityMembers.mobilityId, rows.map((r) => r.id))));
  const byMobility = new Map<string, MobilityMember[]>();
  for (const member of members) byMobility.set(member.mobilityId, [...(byMobility.get(member.mobilityId) ?? []), member]);
  return rows.map((row) => ({ ...row, members: byMobility.get(row.id) ?? [] }));
}

const eur = (cents: number | null | undefined) => (cents === null || cents === undefined ? undefined : centsToEur(cents));

/** For incoming activities the venue is the school; otherwise the receiving organisation's country. */
function venueCountry(project: ProjectContext, m: Pick<MobilityShape, "activityType" | "destinationCountry">) {
  return INCOMING_ACTIVITIES.includes(m.activityType) ? project.schoolCountry : m.destinationCountry;
}

function commonInput(project: ProjectContext, m: MobilityShape): EstimateInput {
  return {
    callYear: project.callYear,
    naCode: project.naCode,
    activityType: m.activityType,
    accompanying: m.accompanying,
    startDate: m.startDate,
    endDate: m.endDate,
    travelDays: m.travelDays,
    destinationCountry: venueCountry(project, m),
    ...(m.distanceKm === null || m.distanceKm === undefined ? {} : { distanceKm: m.distanceKm }),
    greenTravel: m.greenTravel,
    fewerOpportunities: m.fewerOpportunities,
    inclusionRealCostEur: eur(m.inclusionRealCostCents),
    expensiveTravelRealCostEur: eur(m.expensiveTravelRealCostCents),
    courseDays: m.activityType === "SM-COUR-TRAIN" ? m.courseDays : undefined,
    linguisticSupport: m.linguisticSupport,
    persons: m.activityType === "PREP-VISIT" ? m.persons : undefined,
  };
}

type MemberShape = Pick<TMobilityFields["members"][number], "role" | "fewerOpportunities" | "startDate" | "endDate" | "inclusionRealCostCents">;

export function toProjectMobility(
  project: ProjectContext,
  id: string,
  participantId: string,
  status: ProjectMobility["status"],
  m: MobilityShape,
): ProjectMobility {
  const input = commonInput(project, m);
  if (m.activityType !== "LM-GRP-PUPIL") return { kind: "individual", id, participantId, status, input };
  const members = m.members as readonly MemberShape[];
  const dates = (member: MemberShape) => ({
    ...(member.startDate ? { startDate: member.startDate } : {}),
    ...(member.endDate ? { endDate: member.endDate } : {}),
  });
  const pupils = [
    ...members
      .filter((member) => member.role === "pupil")
      .map((member) => ({ ...dates(member), fewerOpportunities: member.fewerOpportunities, inclusionRealCostEur: eur(member.inclusionRealCostCents) })),
    ...Array.from({ length: m.pupilCount }, () => ({})),
  ];
  // The lead accompanying person is the mobility's participant; further ones are members.
  const accompanying = [{}, ...members.filter((member) => member.role === "accompanying").map(dates)];
  const { activityType: _a, accompanying: _acc, fewerOpportunities: _f, inclusionRealCostEur: _i, courseDays: _c, persons: _p, ...common } = input;
  return { kind: "group", id, status, input: { ...common, pupils, accompanyingPersons: accompanying } };
}

export function toEngineProject(
  project: Pick<ProjectContext, "action" | "callYear" | "startDate" | "endDate" | "schoolCountry" | "awardedLumpSumCents">,
): ProjectInput {
  const dates = { callYear: project.callYear, startDate: project.startDate, endDate: project.endDate };
  // The dates come from the grant agreement, amendments included: beyond 15 months means extended.
  if (project.action === "KA121") return { ...dates, action: "KA121-SCH", extended: true };
  if (project.action === "KA122") return { ...dates, action: "KA122-SCH" };
  return {
    ...dates,
    action: `${project.action}-SCH`,
    organisations: [{ country: project.schoolCountry }],
    lumpSumEur: centsToEur(project.awardedLumpSumCents),
  };
}

export function storedToProjectMobility(project: ProjectContext, row: StoredMobility): ProjectMobility {
  return toProjectMobility(project, row.id, row.participantId ?? row.id, row.status, {
    ...row,
    courseDays: row.courseDays ?? undefined,
    inclusionRealCostCents: row.inclusionRealCostCents ?? undefined,
    expensiveTravelRealCostCents: row.expensiveTravelRealCostCents ?? undefined,
    members: row.members.map((m) => ({
      ...m,
      participantId: m.participantId ?? undefined,
      startDate: m.startDate ?? undefined,
      endDate: m.endDate ?? undefined,
      inclusionRealCostCents: m.inclusionRealCostCents ?? undefined,
    })),
  });
}

const storedDistance = (km: number | null): DistanceResolution => ({ km, errors: [] });

/** The engine's budget for the project's stored mobilities, with one extra or replaced mobility. */
export function projectBudget(
  project: ProjectContext,
  rows: readonly StoredMobility[],
  rates: RateTables,
  draft?: { mobility: ProjectMobility; distanceKm: number | null; replaces?: string },
): ProjectBudget {
  const resolved = rows
    .filter((row) => row.id !== draft?.replaces)
    .map((row) => ({ mobility: storedToProjectMobility(project, row), distance: storedDistance(row.distanceKm) }));
  if (draft) resolved.push({ mobility: draft.mobility, distance: storedDistance(draft.distanceKm) });
  return calculateProjectBudget(toEngineProject(project), resolved, rates);
}

/**
 * One-way km for a mobility: the official calculator's km when entered, else the great-circle
 * distance between the towns (the engine's geodata). Incoming guests travel to the school.
 */
export async function resolveMobilityDistance(
  project: ProjectContext,
  m: Pick<TMobilityFields, "activityType" | "distanceKm" | "originTown" | "destinationTown" | "destinationCountry">,
): Promise<{ km: number | null; source: "official" | "calculated"; errors: RuleIssue[] }> {
  if (m.distanceKm !== undefined) return { km: m.distanceKm, source: "official", errors: [] };
  const incoming = INCOMING_ACTIVITIES.includes(m.activityType);
  const school = { name: project.schoolTown, country: project.schoolCountry };
  const other = { name: m.destinationTown, country: m.destinationCountry };
  const origin = incoming ? other : { name: m.originTown ?? project.schoolTown, country: project.schoolCountry };
  const destination = incoming ? school : other;
  const resolution = await resolveDistance({ origin, destination, destinationCountry: destination.country });
  return { km: resolution.km, source: "calculated", errors: resolution.errors };
}

export interface GrantSnapshot {
  /** Known lines; 0 for unknown ones. */
  linesCents: GrantLines;
  eligible: boolean;
  /** Lines a missing figure made unknown (the total is then a lower bound). */
  unknownLines: GrantLine[];
  /** Errors, warnings and missing figures (severity "missing"). */
  issues: GrantIssue[];
  /** The figures the lines were computed with, each with its origin and source. */
  sources: FigureSource[];
}

export function snapshotOf(estimate: MobilityEstimate | GroupEstimate): GrantSnapshot {
  const stored = (severity: GrantIssue["severity"]) => (issue: RuleIssue): GrantIssue => ({
    severity,
    code: issue.code,
    ...(issue.params ? { params: issue.params } : {}),
    ...(issue.field ? { field: issue.field } : {}),
  });
  return {
    linesCents: estimate.linesCents,
    eligible: estimate.eligible,
    unknownLines: estimate.unknownLines,
    issues: [...estimate.errors.map(stored("error")), ...estimate.missing.map(stored("missing")), ...estimate.warnings.map(stored("warning"))],
    sources: estimate.sources,
  };
}

function grantColumnsOf(snapshot: GrantSnapshot) {
  return {
    ...lineColumnValues("grant", snapshot.linesCents),
    grantEligible: snapshot.eligible,
    grantUnknownLines: snapshot.unknownLines,
    grantIssues: snapshot.issues,
    grantSources: snapshot.sources,
  };
}

/** JSON with object keys sorted: jsonb gives keys back in its own order, so plain JSON text would always differ. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * Writes many mobilities' grant columns in one statement per thousand rows (an import recomputes the
 * whole project once, so thousands of rows may change at a time). Column names come from the schema.
 */
async function writeGrantColumns(tx: DbOrTx, organisationId: string, changed: ({ id: string } & ReturnType<typeof grantColumnsOf>)[]) {
  const [first] = changed;
  if (!first) return;
  const keys = Object.keys(first).filter((key): key is keyof ReturnType<typeof grantColumnsOf> => key !== "id");
  const columns = getTableColumns(mobilities);
  const names = keys.map((key) => ({ key, column: columns[key].name, type: columns[key].getSQLType() }));
  const assignments = sql.join(names.map(({ column }) => sql`${sql.identifier(column)} = v.${sql.identifier(column)}`), sql`, `);
  const recordType = sql.join([sql`id uuid`, ...names.map(({ column, type }) => sql`${sql.identifier(column)} ${sql.raw(type)}`)], sql`, `);
  for (let i = 0; i < changed.length; i += 1000) {
    const chunk = changed.slice(i, i + 1000).map((row) => Object.fromEntries([["id", row.id], ...names.map(({ key, column }) => [column, row[key]])]));
    await tx.execute(sql`
      update ${mobilities} as m set ${assignments}, grant_computed_at = now()
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as v(${recordType})
      where m.id = v.id and m.organisation_id = ${organisationId}`);
  }
}

function sameGrant(row: Mobility, columns: ReturnType<typeof grantColumnsOf>): boolean {
  const stored = linesOfRow("grant", row);
  return (
    GRANT_LINES.every((line) => stored[line] === columns[lineColumnKey("grant", line)]) &&
    row.grantEligible === columns.grantEligible &&
    canonicalJson(row.grantUnknownLines) === canonicalJson(columns.grantUnknownLines) &&
    canonicalJson(row.grantIssues) === canonicalJson(columns.grantIssues) &&
    canonicalJson(row.grantSources) === canonicalJson(columns.grantSources) &&
    row.grantComputedAt !== null
  );
}

export interface StoredGrantsReport {
  budget: ProjectBudget;
  /** Mobilities whose stored lines, eligibility or issues changed. */
  changedMobilities: number;
  previousRateSetId: string | null;
  rateSetId: string | null;
}

/**
 * Recomputes every mobility of the project with the engine and stores the lines that changed. Runs
 * inside the caller's transaction, after its change, under the project lock. The project keeps the
 * NA rate set it is pinned to; `"newest"` (an officer's re-apply) takes the NA's newest set. Either
 * way the project is pinned to the set used, so an unpinned project is pinned at its first computation.
 */
export async function storeProjectGrantsWith(tx: DbOrTx, project: ProjectContext, choice: "pinned" | "newest"): Promise<StoredGrantsReport> {
  const rows = await loadProjectMobilities(tx, project.organisationId, project.id);
  const set = await rateSetFor(tx, project, choice);
  const budget = projectBudget(project, rows, set.rates);
  const byId = new Map(budget.mobilities.map((entry) => [entry.id, entry]));
  const changed: ({ id: string } & ReturnType<typeof grantColumnsOf>)[] = [];
  for (const row of rows) {
    const entry = byId.get(row.id);
    if (!entry) continue;
    const columns = grantColumnsOf(snapshotOf(entry.estimate));
    if (!sameGrant(row, columns)) changed.push({ id: row.id, ...columns });
  }
  await writeGrantColumns(tx, project.organisationId, changed);
  const changedMobilities = changed.length;
  if (set.id !== project.rateSetId) {
    await tx
      .update(projects)
      .set({ rateSetId: set.id })
      .where(and(eq(projects.id, project.id), eq(projects.organisationId, project.organisationId)));
  }
  return { budget, changedMobilities, previousRateSetId: project.rateSetId, rateSetId: set.id };
}

export async function storeProjectGrants(tx: DbOrTx, project: ProjectContext): Promise<ProjectBudget> {
  return (await storeProjectGrantsWith(tx, project, "pinned")).budget;
}

/** The rates a project's checks and estimates use: the same set its stored grants come from. */
export async function ratesForProject(tx: DbOrTx, project: ProjectContext) {
  return (await rateSetFor(tx, project, "pinned")).rates;
}

/**
 * Codes that were errors before grants could be partial (a missing figure blocked the whole grant).
 * Rows stored with them as errors predate migration 0007 and are recomputed once at start-up.
 */
const FORMERLY_BLOCKING_MISSING = ["RATE_MISSING", "RATE_TABLE_MISSING", "NA_CODE_MISSING"] as const;

/**
 * Recomputes, once, every project with a grant stored before partial grants (a missing figure
 * stored as an error, the other lines zeroed) or before grants kept their figures' sources: each in
 * its own transaction under the project's lock, with an audit entry by no one (the system).
 * Idempotent: recomputed rows store the figure as "missing" and their sources, so they are not found
 * again. Returns how many projects were recomputed.
 */
export async function recomputeLegacyGrants(db: Db): Promise<number> {
  const stale = await db
    .selectDistinct({ projectId: mobilities.projectId, organisationId: mobilities.organisationId })
    .from(mobilities)
    .where(
      or(
        ...FORMERLY_BLOCKING_MISSING.map((code) => sql`${mobilities.grantIssues} @> ${JSON.stringify([{ severity: "error", code }])}::jsonb`),
        // Computed before each grant kept its figures' sources (migration 0012).
        and(isNull(mobilities.grantSources), isNotNull(mobilities.grantComputedAt)),
      ),
    );
  for (const target of stale) {
    await db.transaction(async (tx) => {
      const [locked] = await tx
        .select({ id: projects.id })
        .from(projects)
        .where(and(eq(projects.id, target.projectId), eq(projects.organisationId, target.organisationId)))
        .for("update");
      const project = locked ? await loadProjectContext(tx, target.organisationId, target.projectId) : null;
      if (!project) return;
      const report = await storeProjectGrantsWith(tx, project, "pinned");
      await recordAudit(tx, { userId: null, orgId: project.organisationId }, {
        action: "grants.recompute",
        entityType: "project",
        entityId: project.id,
        before: null,
        after: { reason: "legacyGrants", changedMobilities: report.changedMobilities, committedTotalCents: report.budget.committed.totalCents },
      });
    });
  }
  return stale.length;
}
