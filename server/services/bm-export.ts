import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organisations, participants, partnerOrganisations, projects } from "@/db/schema";
import { dictionaryCode, latestTemplate, type BmField, type BmTemplate } from "@/server/bm";
import { AppError, notFound } from "@/server/errors";
import { INCOMING_ACTIVITIES } from "@/server/schemas/mobilities";
import { writeBmCsv, writeBmXlsx, type BmOutCell } from "./bm-files";
import type { Actor } from "./memberships";
import { maySeeSpecialCategory } from "./permissions";
import { loadProjectContext, loadProjectMobilities, projectBudget, ratesForProject, type StoredMobility } from "./mobility-grants";

/*
 * A project's mobilities in the Beneficiary Module's layout (server/bm's newest template of the
 * project's action). A group mobility of pupils is one row per person: the lead accompanying person's
 * row carries the group (its Mobility activity ID is the Group ID, the unnamed pupils are a count), and
 * every named pupil or further accompanying person is a row with the same Group ID; an import reads
 * them back into one group record. Special-category columns are blank for members without the permission.
 */

export interface BmExport {
  template: BmTemplate;
  headers: string[];
  row2: string[];
  rows: BmOutCell[][];
  projectNumber: string;
}

export type Values = Partial<Record<BmField, BmOutCell>>;

const yesNo = (value: boolean) => dictionaryCode("yesNo", String(value));

/** One row of the export before it is laid out: its values, and the mobility it was written from. */
export interface BmRow {
  mobility: StoredMobility;
  /** The row's own Mobility activity ID (a group member's is `<group's id>-NN`). */
  activityId: string;
  values: Values;
}

/**
 * The rows a BM export of the project holds, as this member may see them, each with the mobility it was
 * written from (the pre-flight check names what is missing on which mobility), and the engine's budget.
 */
export async function collectBmRows(db: DbOrTx, actor: Actor, input: { projectId: string; onlyCompleted: boolean }) {
  const context = await loadProjectContext(db, actor.orgId, input.projectId);
  if (!context) throw notFound("projectNotFound");
  if (context.action !== "KA121" && context.action !== "KA122") throw new AppError("BAD_REQUEST", "bmOnlyMobilityProjects");
  const [project] = await db
    .select({ projectNumber: projects.projectNumber, schoolOid: organisations.oid })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(eq(projects.id, input.projectId), eq(projects.organisationId, actor.orgId)));
  if (!project) throw notFound("projectNotFound");
  const template = latestTemplate(context.action);

  const all = await loadProjectMobilities(db, actor.orgId, context.id);
  const rates = await ratesForProject(db, context);
  const budget = projectBudget(context, all, rates);
  const details = new Map(budget.mobilities.map((entry) => [entry.id, entry.estimate.details]));
  const chosen = (input.onlyCompleted ? all.filter((m) => m.status === "completed") : all).sort((a, b) =>
    a.activityId.localeCompare(b.activityId, "en", { numeric: true }),
  );

  const personIds = [...new Set(chosen.flatMap((m) => [m.participantId, ...m.members.map((x) => x.participantId)]).filter((id): id is string => id !== null))];
  const people = new Map(
    (personIds.length
      ? await db
          .select({ id: participants.id, firstName: participants.firstName, lastName: participants.lastName, email: participants.email })
          .from(participants)
          .where(and(eq(participants.organisationId, actor.orgId), inArray(participants.id, personIds)))
      : []
    ).map((p) => [p.id, p]),
  );
  const partnerIds = [...new Set(chosen.map((m) => m.partnerOrganisationId).filter((id): id is string => id !== null))];
  const oids = new Map(
    (partnerIds.length
      ? await db
          .select({ id: partnerOrganisations.id, oid: partnerOrganisations.oid })
          .from(partnerOrganisations)
          .where(and(eq(partnerOrganisations.organisationId, actor.orgId), inArray(partnerOrganisations.id, partnerIds)))
      : []
    ).map((p) => [p.id, p.oid]),
  );

  const special = maySeeSpecialCategory(actor);
  const person = (id: string | null): Values => {
    const p = id ? people.get(id) : undefined;
    return { firstName: p?.firstName ?? null, lastName: p?.lastName ?? null, email: p?.email ?? null };
  };

  /** What every row of a mobility shares (a group's member rows repeat the group's trip). */
  const common = (m: StoredMobility): Values => ({
    dataType: dictionaryCode("dataType", "mobility"),
    grantAgreementNo: project.projectNumber,
    activityType: m.activityType,
    status: dictionaryCode("status", m.status),
    sendingOid: INCOMING_ACTIVITIES.includes(m.activityType) ? null : project.schoolOid,
    receivingOid: m.partnerOrganisationId ? (oids.get(m.partnerOrganisationId) ?? null) : null,
    receivingName: m.receivingOrganisation,
    receivingCountry: m.destinationCountry,
    receivingCity: m.destinationTown,
    originCity: m.originTown,
    startDate: { date: m.startDate },
    endDate: { date: m.endDate },
    travelDays: m.travelDays,
    distanceKm: m.distanceKm,
    greenTravel: yesNo(m.greenTravel),
    meansOfTransport: m.meansOfTransport ? dictionaryCode("transport", m.meansOfTransport) : null,
    forceMajeure: yesNo(m.forceMajeure),
  });

  const rows: BmRow[] = [];
  for (const m of chosen) {
    const d = details.get(m.id);
    const grants: Values = {
      distanceBand: d?.distanceBand ?? null,
      fundedDays: d?.fundedDays ?? null,
      grantTravel: { cents: m.grantTravelCents },
      grantIndividualSupport: { cents: m.grantIndividualSupportCents },
      grantOrganisationalSupport: { cents: m.grantOrganisationalSupportCents },
      grantCourseFees: { cents: m.grantCourseFeesCents },
      grantInclusionSupport: special ? { cents: m.grantInclusionSupportCents } : null,
      grantLinguisticSupport: { cents: m.grantLinguisticSupportCents },
      grantExceptionalCosts: { cents: m.grantExceptionalCostsCents },
      grantPreparatoryVisits: { cents: m.grantPreparatoryVisitsCents },
      grantTotal: { cents: m.grantTotalCents },
    };
    const isGroup = m.activityType === "LM-GRP-PUPIL";
    rows.push({
      mobility: m,
      activityId: m.activityId,
      values: {
        ...common(m),
        ...person(m.participantId),
        ...grants,
        mobilityActivityId: m.activityId,
        erasmusMobilityId: m.erasmusMobilityId,
        groupId: isGroup ? m.activityId : null,
        accompanying: yesNo(isGroup ? true : m.accompanying),
        fewerOpportunities: special && !isGroup ? yesNo(m.fewerOpportunities) : null,
        unnamedPupils: isGroup ? m.pupilCount : null,
        persons: m.activityType === "PREP-VISIT" ? m.persons : null,
        courseDays: m.activityType === "SM-COUR-TRAIN" ? m.courseDays : null,
        linguisticSupport: yesNo(m.linguisticSupport),
        inclusionRealCost: special && !isGroup && m.inclusionRealCostCents !== null ? { cents: m.inclusionRealCostCents } : null,
        expensiveTravelRealCost: m.expensiveTravelRealCostCents !== null ? { cents: m.expensiveTravelRealCostCents } : null,
      },
    });
    m.members.forEach((member, index) => {
      const memberId = `${m.activityId}-${String(index + 1).padStart(2, "0")}`;
      rows.push({
        mobility: m,
        activityId: memberId,
        values: {
          ...common(m),
          ...person(member.participantId),
          mobilityActivityId: memberId,
          groupId: m.activityId,
          accompanying: yesNo(member.role === "accompanying"),
          fewerOpportunities: special ? yesNo(member.fewerOpportunities) : null,
          startDate: { date: member.startDate ?? m.startDate },
          endDate: { date: member.endDate ?? m.endDate },
          inclusionRealCost: special && member.inclusionRealCostCents !== null ? { cents: member.inclusionRealCostCents } : null,
        },
      });
    });
  }
  return { context, template, projectNumber: project.projectNumber, rows, budget };
}

export async function exportBmMobilities(db: DbOrTx, actor: Actor, input: { projectId: string; onlyCompleted: boolean }): Promise<BmExport> {
  const { template, projectNumber, rows } = await collectBmRows(db, actor, input);
  const special = maySeeSpecialCategory(actor);
  const columns = template.columns;
  return {
    template,
    projectNumber,
    headers: columns.map((c) => c.header),
    row2: columns.map((c) => c.row2),
    rows: rows.map(({ values }) => columns.map((c) => (c.specialCategory && !special ? null : (values[c.field] ?? null)))),
  };
}

/** The export as a file: XLSX (the sheet BM names) or CSV (UTF-8 with BOM, comma-separated). */
export async function exportBmFile(db: DbOrTx, actor: Actor, input: { projectId: string; onlyCompleted: boolean; format: "xlsx" | "csv" }) {
  const data = await exportBmMobilities(db, actor, input);
  const fileName = `bm-${data.projectNumber}-${new Date().toISOString().slice(0, 10)}.${input.format}`;
  if (input.format === "csv") {
    return { fileName, contentType: "text/csv; charset=utf-8", bytes: new TextEncoder().encode(writeBmCsv(data.headers, data.row2, data.rows)) };
  }
  const bytes = await writeBmXlsx(data.template.sheetName, data.headers, data.row2, data.rows);
  return { fileName, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes };
}
