import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import {
  files,
  findings,
  GRANT_COLUMN,
  lineColumnsOf,
  linesOfRow,
  mobilities,
  mobilityEvidence,
  naRateSets,
  organisations,
  participants,
  projects,
} from "@/db/schema";
import { notFound } from "@/server/errors";
import { EVIDENCE_KINDS } from "@/server/schemas/evidence";
import type { TFlagDrillDown, TPortfolioQuery } from "@/server/schemas/na";
import { agreementDifferences } from "./agreement-rates";
import { isEvidenceRequired, missingEvidenceCountSql } from "./evidence";
import {
  committed,
  durationDays,
  durationLimitsCte,
  effectiveLimitsJoin,
  projectFiguresCte,
  type FlagMobilitySqlRow,
  type PortfolioSqlRow,
  iso,
  notCancelled,
  num,
  portfolioSql,
  PREDICATE,
  scopeWhere,
  toPortfolioRow,
  type Officer,
  type TPortfolioRow,
} from "./na-portfolio-sql";

export { portfolioSql, type Officer, type TPortfolioRow } from "./na-portfolio-sql";

/*
 * The national-agency officer's reads of the schools of their NA(s). The tenant here is the NA code:
 * an officer reads every project of a school whose `na_code` is one of theirs; anything else is
 * NOT_FOUND, exactly as another school's row is for a member. Officers never edit school data, so
 * this file only reads. The portfolio statement and its flags are built in na-portfolio-sql.ts.
 */

/** One page of the officer's portfolio: projects with their flags, sorted and filtered as asked. */
export async function listPortfolio(db: Db, officer: Officer, q: TPortfolioQuery) {
  const offset = (q.page - 1) * q.pageSize;
  const rows = await db.execute<PortfolioSqlRow>(portfolioSql(officer, q, { limit: q.pageSize, offset }));
  const total = rows[0] ? num(rows[0].total) : await countScope(db, officer, q);
  return { total, page: q.page, pageSize: q.pageSize, rows: rows.map(toPortfolioRow) };
}

async function countScope(db: Db, officer: Officer, q: TPortfolioQuery): Promise<number> {
  if (q.flag || q.onlyFlagged) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(scopeWhere(officer, q));
  return row?.n ?? 0;
}

/** Every project of the officer's NA(s) (or one school) with its flags: the full compliance scan. */
export async function scanCompliance(db: Db, officer: Officer, q: Partial<TPortfolioQuery> = {}, projectId?: string): Promise<TPortfolioRow[]> {
  const rows = await db.execute<PortfolioSqlRow>(portfolioSql(officer, { sort: "risk", ...q }, projectId ? { projectId } : {}));
  return rows.map(toPortfolioRow);
}

/** The schools of the officer's NA(s), with how many projects each has. */
export async function listNaSchools(db: Db, officer: Officer, naCode?: string) {
  const codes = naCode ? officer.naCodes.filter((c) => c === naCode) : officer.naCodes;
  if (codes.length === 0) return [];
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      town: organisations.town,
      country: organisations.country,
      naCode: organisations.naCode,
      projectCount: sql<number>`(select count(*)::int from ${projects} p where p.organisation_id = "organisations"."id")`,
    })
    .from(organisations)
    .where(inArray(organisations.naCode, codes))
    .orderBy(organisations.name);
}

/** A project the officer may read (its school is in one of their NAs); anything else NOT_FOUND. */
export async function findOfficerProject(db: DbOrTx, officer: Officer, projectId: string) {
  if (officer.naCodes.length === 0) throw notFound("projectNotFound");
  const [row] = await db
    .select({
      project: projects,
      school: { id: organisations.id, name: organisations.name, town: organisations.town, country: organisations.country, naCode: organisations.naCode },
    })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(eq(projects.id, projectId), inArray(organisations.naCode, officer.naCodes)));
  if (!row) throw notFound("projectNotFound");
  return row;
}

const mobilityColumns = {
  id: mobilities.id,
  activityType: mobilities.activityType,
  status: mobilities.status,
  accompanying: mobilities.accompanying,
  startDate: mobilities.startDate,
  endDate: mobilities.endDate,
  travelDays: mobilities.travelDays,
  greenTravel: mobilities.greenTravel,
  destinationCountry: mobilities.destinationCountry,
  destinationTown: mobilities.destinationTown,
  receivingOrganisation: mobilities.receivingOrganisation,
  pupilCount: mobilities.pupilCount,
  grantTotalCents: mobilities.grantTotalCents,
  grantEligible: mobilities.grantEligible,
  participantFirstName: participants.firstName,
  participantLastName: participants.lastName,
};

/** The mobilities behind one flag of a project (the drill-down), by the same predicate as the flag. */
export async function listFlagMobilities(db: Db, officer: Officer, input: TFlagDrillDown) {
  const { project } = await findOfficerProject(db, officer, input.projectId);
  let predicate: SQL;
  switch (input.flag) {
    case "durationOutOfLimits":
      predicate = PREDICATE.durationOutOfLimits;
      break;
    case "missingEvidence":
      predicate = PREDICATE.missingEvidence;
      break;
    case "overlappingMobilities":
      predicate = PREDICATE.overlappingMobilities;
      break;
    case "ka122CapExceeded":
      predicate = PREDICATE.countsForCap;
      break;
    case "fewerOpportunityTargetOff":
      predicate = PREDICATE.committed;
      break;
    case "greenTravelTargetOff":
      predicate = PREDICATE.committedWithoutGreenTravel;
      break;
    case "finalReportOverdue":
      predicate = notCancelled;
      break;
    case "overAward": {
      const [row] = await scanCompliance(db, officer, {}, project.id);
      const over = row?.details.overCategories ?? [];
      predicate = over.length
        ? sql`(${committed} and (${sql.join(over.map((line) => sql.raw(`mobilities.${GRANT_COLUMN[line]} > 0`)), sql` or `)}))`
        : sql`false`;
      break;
    }
  }
  const rows = await db.execute<FlagMobilitySqlRow>(sql`
    with ${durationLimitsCte()},
    ${projectFiguresCte(sql`projects join organisations on organisations.id = projects.organisation_id where projects.id = ${project.id} and projects.organisation_id = ${project.organisationId}`)}
    select mobilities.id, mobilities.activity_type, mobilities.status, mobilities.accompanying, mobilities.start_date, mobilities.end_date,
      mobilities.destination_country, mobilities.destination_town, mobilities.grant_total_cents, mobilities.grant_eligible,
      ${durationDays} as days, lim.min_days, lim.max_days,
      case when mobilities.status = 'completed' then ${missingEvidenceCountSql} else 0 end as missing_evidence,
      participants.first_name, participants.last_name
    from mobilities
    join projects on projects.id = mobilities.project_id and projects.organisation_id = mobilities.organisation_id
    join pf on pf.project_id = projects.id
    ${effectiveLimitsJoin("mobilities")}
    left join participants on participants.id = mobilities.participant_id and participants.organisation_id = mobilities.organisation_id
    where mobilities.project_id = ${project.id} and mobilities.organisation_id = ${project.organisationId} and ${predicate}
    order by mobilities.start_date, mobilities.id`);
  return rows.map((r) => ({
    id: r.id,
    activityType: r.activity_type,
    status: r.status,
    accompanying: r.accompanying,
    startDate: iso(r.start_date),
    endDate: iso(r.end_date),
    destinationCountry: r.destination_country,
    destinationTown: r.destination_town,
    grantTotalCents: num(r.grant_total_cents),
    grantEligible: r.grant_eligible,
    days: num(r.days),
    minDays: r.min_days === null ? null : num(r.min_days),
    maxDays: r.max_days === null ? null : num(r.max_days),
    missingEvidence: num(r.missing_evidence),
    participantName: r.first_name ? `${r.first_name} ${r.last_name ?? ""}`.trim() : null,
  }));
}

async function rateSetVersion(db: DbOrTx, rateSetId: string | null) {
  if (!rateSetId) return null;
  const [set] = await db
    .select({ id: naRateSets.id, version: naRateSets.version, createdAt: naRateSets.createdAt })
    .from(naRateSets)
    .where(eq(naRateSets.id, rateSetId));
  return set ?? null;
}

/** Everything the school sees of a project, read-only, for an officer of its NA. */
export async function getOfficerProject(db: Db, officer: Officer, projectId: string) {
  const { project, school } = await findOfficerProject(db, officer, projectId);
  const [portfolio] = await scanCompliance(db, officer, {}, project.id);
  if (!portfolio) throw notFound("projectNotFound");
  const rows = await db
    .select({
      ...mobilityColumns,
      ...lineColumnsOf(mobilities),
      grantUnknownLines: mobilities.grantUnknownLines,
      grantIssues: mobilities.grantIssues,
      missingEvidence: sql<number>`case when ${mobilities.status} = 'completed' then ${missingEvidenceCountSql} else 0 end`.mapWith(Number),
      requiredMissing: missingEvidenceCountSql,
    })
    .from(mobilities)
    .leftJoin(participants, and(eq(participants.id, mobilities.participantId), eq(participants.organisationId, mobilities.organisationId)))
    .where(and(eq(mobilities.projectId, project.id), eq(mobilities.organisationId, project.organisationId)))
    .orderBy(mobilities.startDate, mobilities.id);
  const projectFindings = await db
    .select({ id: findings.id, title: findings.title, status: findings.status, mobilityId: findings.mobilityId, updatedAt: findings.updatedAt })
    .from(findings)
    .where(and(eq(findings.projectId, project.id), eq(findings.organisationId, project.organisationId), inArray(findings.naCode, officer.naCodes)))
    .orderBy(findings.createdAt);
  return {
    project: {
      id: project.id,
      action: project.action,
      projectNumber: project.projectNumber,
      title: project.title,
      callYear: project.callYear,
      startDate: project.startDate,
      endDate: project.endDate,
      status: project.status,
      awardedTotalCents: project.awardedTotalCents,
      awardedLumpSumCents: project.awardedLumpSumCents,
      targetParticipants: project.targetParticipants,
      targetFewerOpportunityParticipants: project.targetFewerOpportunityParticipants,
      targetGreenTravelPercent: project.targetGreenTravelPercent,
    },
    school,
    rateSet: await rateSetVersion(db, project.rateSetId),
    /** The project's grant-agreement figures that differ from the NA's (or default) figure; null: no agreement. */
    agreement: await agreementDifferences(db, { id: project.id, organisationId: project.organisationId, naCode: school.naCode, callYear: project.callYear, rateSetId: project.rateSetId }),
    budget: {
      awarded: portfolio.awarded,
      committed: portfolio.committed,
      realised: portfolio.realised,
    },
    portfolio,
    mobilities: rows.map((row) => {
      const lines = linesOfRow("grant", row);
      return {
        id: row.id,
        activityType: row.activityType,
        status: row.status,
        accompanying: row.accompanying,
        startDate: row.startDate,
        endDate: row.endDate,
        destinationCountry: row.destinationCountry,
        destinationTown: row.destinationTown,
        receivingOrganisation: row.receivingOrganisation,
        pupilCount: row.pupilCount,
        participantName: row.participantFirstName ? `${row.participantFirstName} ${row.participantLastName ?? ""}`.trim() : null,
        grantLines: lines,
        grantUnknownLines: row.grantUnknownLines,
        grantTotalCents: row.grantTotalCents,
        grantEligible: row.grantEligible,
        grantIssues: row.grantIssues,
        missingEvidence: row.missingEvidence,
        missingRequired: num(row.requiredMissing),
      };
    }),
    findings: projectFindings,
  };
}

/** One mobility, read-only, with its stored grant and evidence status, for an officer of its NA. */
export async function getOfficerMobility(db: Db, officer: Officer, mobilityId: string) {
  if (officer.naCodes.length === 0) throw notFound("mobilityNotFound");
  const [row] = await db
    .select({ mobility: mobilities, school: { id: organisations.id, name: organisations.name }, projectNumber: projects.projectNumber, projectTitle: projects.title })
    .from(mobilities)
    .innerJoin(projects, and(eq(projects.id, mobilities.projectId), eq(projects.organisationId, mobilities.organisationId)))
    .innerJoin(organisations, eq(organisations.id, mobilities.organisationId))
    .where(and(eq(mobilities.id, mobilityId), inArray(organisations.naCode, officer.naCodes)));
  if (!row) throw notFound("mobilityNotFound");
  const m = row.mobility;
  const [person] = m.participantId
    ? await db
        .select({ firstName: participants.firstName, lastName: participants.lastName, kind: participants.kind })
        .from(participants)
        .where(and(eq(participants.id, m.participantId), eq(participants.organisationId, m.organisationId)))
    : [];
  const evidenceRows = await db
    .select({ kind: mobilityEvidence.kind, done: mobilityEvidence.done, note: mobilityEvidence.note, checkedAt: mobilityEvidence.checkedAt, fileId: files.id, filename: files.filename })
    .from(mobilityEvidence)
    .leftJoin(files, and(eq(files.id, mobilityEvidence.fileId), eq(files.organisationId, mobilityEvidence.organisationId)))
    .where(and(eq(mobilityEvidence.mobilityId, m.id), eq(mobilityEvidence.organisationId, m.organisationId)));
  const byKind = new Map(evidenceRows.map((e) => [e.kind, e]));
  const evidence = EVIDENCE_KINDS.flatMap((kind) => {
    const required = isEvidenceRequired(kind, m);
    const item = byKind.get(kind);
    if (!required && !item) return [];
    return [{ kind, required, done: item?.done ?? false, note: item?.note ?? null, checkedAt: item?.checkedAt ?? null, file: item?.fileId ? { id: item.fileId, filename: item.filename ?? "" } : null }];
  });
  const lines = linesOfRow("grant", m);
  const issues = m.grantIssues;
  return {
    id: m.id,
    projectId: m.projectId,
    projectNumber: row.projectNumber,
    projectTitle: row.projectTitle,
    school: row.school,
    activityType: m.activityType,
    status: m.status,
    accompanying: m.accompanying,
    startDate: m.startDate,
    endDate: m.endDate,
    travelDays: m.travelDays,
    greenTravel: m.greenTravel,
    receivingOrganisation: m.receivingOrganisation,
    destinationCountry: m.destinationCountry,
    destinationTown: m.destinationTown,
    distanceKm: m.distanceKm,
    fewerOpportunities: m.fewerOpportunities,
    pupilCount: m.pupilCount,
    participant: person ? { name: `${person.firstName} ${person.lastName}`, kind: person.kind } : null,
    grant: { eligible: m.grantEligible, linesCents: lines, unknownLines: m.grantUnknownLines, totalCents: m.grantTotalCents, issues, sources: m.grantSources ?? [], computedAt: m.grantComputedAt },
    evidence,
  };
}
