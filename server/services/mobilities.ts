import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { can } from "@/lib/capabilities";
import { mobilities, mobilityMembers, participants, partnerOrganisations, projects } from "@/db/schema";
import { AppError, conflict, notFound } from "@/server/errors";
import { participantCap, type ProjectBudget, type RateTables } from "@/server/rules";
import type {
  TEstimateMobility,
  TLogMobility,
  TMobilityFields,
  TSetMobilityStatus,
  TUpdateMobility,
} from "@/server/schemas/mobilities";
import { recordAudit } from "./audit";
import { assertCanEditMobility, assertMayChangeMobilityStatus, canEditMobility, redactSpecialCategory } from "./permissions";
import type { Actor } from "./memberships";
import {
  loadProjectContext,
  loadProjectMobilities,
  projectBudget,
  ratesForProject,
  resolveMobilityDistance,
  snapshotOf,
  storeProjectGrants,
  toProjectMobility,
  type ProjectContext,
  type StoredMobility,
} from "./mobility-grants";

/*
 * Logging, editing and changing the status of mobilities. Every change locks the project row, asks
 * the rules engine about the whole project (the KA122 cap and the steps that depend on earlier
 * mobilities), stores the engine's grant lines and writes the audit entry, in one transaction.
 */

export async function lockProject(tx: DbOrTx, actor: Actor, projectId: string): Promise<ProjectContext> {
  const [locked] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, actor.orgId)))
    .for("update");
  if (!locked) throw notFound("projectNotFound");
  // Read after the lock, in a statement of its own: it then sees what the previous holder committed.
  const project = await loadProjectContext(tx, actor.orgId, projectId);
  if (!project) throw notFound("projectNotFound");
  return project;
}

/** Every participant named must be one of the school's (the composite foreign key agrees). */
async function assertOwnParticipants(tx: DbOrTx, actor: Actor, fields: Pick<TMobilityFields, "participantId" | "members">) {
  const ids = [...new Set([fields.participantId, ...fields.members.flatMap((m) => (m.participantId ? [m.participantId] : []))])];
  const found = await tx
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.organisationId, actor.orgId), inArray(participants.id, ids)));
  if (found.length !== ids.length) {
    const known = new Set(found.map((p) => p.id));
    const fieldErrors: Record<string, string[]> = {};
    if (!known.has(fields.participantId)) fieldErrors.participantId = ["participantNotFound"];
    fields.members.forEach((m, i) => {
      if (m.participantId && !known.has(m.participantId)) fieldErrors[`members.${i}.participantId`] = ["participantNotFound"];
    });
    throw new AppError("BAD_REQUEST", "invalidInput", fieldErrors);
  }
}

/**
 * The KA122 cap (`participantCap`, the figure the dashboards and the project page show), counted as the
 * engine counts it: a change may not take the project over it.
 */
function assertCap(project: ProjectContext, before: ProjectBudget, after: ProjectBudget, rates: RateTables) {
  const cap = participantCap(project.action, rates);
  if (cap === null) return;
  if (after.participantCount > cap && after.participantCount > before.participantCount) {
    throw new AppError("BAD_REQUEST", "participantCapReached", { participantId: ["participantCapReached"] });
  }
}

export function mobilityRowValues(fields: TMobilityFields, distance: { km: number | null; source: "official" | "calculated" }) {
  const isGroup = fields.activityType === "LM-GRP-PUPIL";
  return {
    // Left out when empty: a new mobility then gets the project's next ID, an edited one keeps its own.
    ...(fields.activityId ? { activityId: fields.activityId } : {}),
    erasmusMobilityId: fields.erasmusMobilityId ?? null,
    activityType: fields.activityType,
    status: fields.status,
    participantId: fields.participantId,
    accompanying: isGroup ? false : fields.accompanying,
    startDate: fields.startDate,
    endDate: fields.endDate,
    travelDays: fields.travelDays,
    greenTravel: fields.greenTravel,
    meansOfTransport: fields.meansOfTransport ?? null,
    receivingOrganisation: fields.receivingOrganisation,
    destinationCountry: fields.destinationCountry,
    destinationTown: fields.destinationTown,
    originTown: fields.originTown ?? null,
    distanceKm: distance.km,
    distanceSource: distance.source,
    fewerOpportunities: isGroup || fields.accompanying ? false : fields.fewerOpportunities,
    courseDays: fields.activityType === "SM-COUR-TRAIN" ? (fields.courseDays ?? null) : null,
    inclusionRealCostCents: fields.inclusionRealCostCents ?? null,
    expensiveTravelRealCostCents: fields.expensiveTravelRealCostCents ?? null,
    linguisticSupport: fields.linguisticSupport,
    pupilCount: isGroup ? fields.pupilCount : 0,
    persons: fields.activityType === "PREP-VISIT" ? fields.persons : 1,
    forceMajeure: fields.forceMajeure,
    notes: fields.notes ?? null,
  };
}

async function replaceMembers(tx: DbOrTx, actor: Actor, mobilityId: string, fields: TMobilityFields) {
  await tx.delete(mobilityMembers).where(and(eq(mobilityMembers.mobilityId, mobilityId), eq(mobilityMembers.organisationId, actor.orgId)));
  if (fields.activityType !== "LM-GRP-PUPIL" || fields.members.length === 0) return;
  await tx.insert(mobilityMembers).values(
    fields.members.map((m) => ({
      organisationId: actor.orgId,
      mobilityId,
      participantId: m.participantId ?? null,
      role: m.role,
      fewerOpportunities: m.role === "pupil" ? m.fewerOpportunities : false,
      startDate: m.startDate ?? null,
      endDate: m.endDate ?? null,
      inclusionRealCostCents: m.inclusionRealCostCents ?? null,
    })),
  );
}

/** Remembers the receiving (or, for incoming activities, sending) organisation for next time. */
async function rememberPartner(tx: DbOrTx, actor: Actor, fields: TMobilityFields): Promise<string> {
  await tx
    .insert(partnerOrganisations)
    .values({ organisationId: actor.orgId, name: fields.receivingOrganisation, country: fields.destinationCountry, town: fields.destinationTown })
    .onConflictDoNothing();
  const [partner] = await tx
    .select({ id: partnerOrganisations.id })
    .from(partnerOrganisations)
    .where(
      and(
        eq(partnerOrganisations.organisationId, actor.orgId),
        sql`lower(${partnerOrganisations.name}) = lower(${fields.receivingOrganisation})`,
        eq(partnerOrganisations.country, fields.destinationCountry),
      ),
    );
  if (!partner) throw new Error("partner organisation missing after upsert");
  return partner.id;
}

async function getStored(tx: DbOrTx, actor: Actor, mobilityId: string): Promise<StoredMobility | null> {
  const [row] = await tx.select().from(mobilities).where(and(eq(mobilities.id, mobilityId), eq(mobilities.organisationId, actor.orgId)));
  if (!row) return null;
  const members = await tx.select().from(mobilityMembers).where(eq(mobilityMembers.mobilityId, row.id));
  return { ...row, members };
}

export async function logMobility(db: Db, actor: Actor, requested: TLogMobility) {
  const input = keepSpecialCategory(actor, requested);
  const context = await loadProjectContext(db, actor.orgId, input.projectId);
  if (!context) throw notFound("projectNotFound");
  const distance = await resolveMobilityDistance(context, input); // geodata outside the transaction
  return db.transaction(async (tx) => {
    const project = await lockProject(tx, actor, input.projectId);
    await assertOwnParticipants(tx, actor, input);
    const rows = await loadProjectMobilities(tx, actor.orgId, project.id);
    const rates = await ratesForProject(tx, project);
    const id = randomUUID();
    const draft = toProjectMobility(project, id, input.participantId, input.status, { ...input, distanceKm: distance.km });
    assertCap(project, projectBudget(project, rows, rates), projectBudget(project, rows, rates, { mobility: draft, distanceKm: distance.km }), rates);

    const partnerId = await rememberPartner(tx, actor, input);
    const [row] = await tx
      .insert(mobilities)
      .values({ id, organisationId: actor.orgId, projectId: project.id, partnerOrganisationId: partnerId, ...mobilityRowValues(input, distance) })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await replaceMembers(tx, actor, id, input);
    await storeProjectGrants(tx, project);
    const stored = await getStored(tx, actor, id);
    await recordAudit(tx, actor, { action: "mobility.create", entityType: "mobility", entityId: id, after: stored });
    return redactMobility(actor, stored ?? { ...row, members: [] });
  });
}

/**
 * Special-category values are kept as stored when the member may not see them: the form never showed
 * them, so what it sends for them means nothing. Without stored values (a new mobility) they are unset.
 */
function keepSpecialCategory<T extends TMobilityFields>(actor: Actor, input: T, stored?: StoredMobility): T {
  if (actor.specialCategory) return input;
  const members = input.members.map((member, index) => {
    const before = stored?.members[index];
    const same = before && before.role === member.role && (before.participantId ?? undefined) === member.participantId;
    return {
      ...member,
      fewerOpportunities: same ? before.fewerOpportunities : false,
      inclusionRealCostCents: same ? (before.inclusionRealCostCents ?? undefined) : undefined,
    };
  });
  return {
    ...input,
    fewerOpportunities: stored?.fewerOpportunities ?? false,
    inclusionRealCostCents: stored?.inclusionRealCostCents ?? undefined,
    members,
  };
}

/** Special-category fields of a stored mobility, absent for members without the permission. */
function redactMobility<T extends StoredMobility>(actor: Actor, row: T) {
  return { ...redactSpecialCategory(actor, row), members: row.members.map((member) => redactSpecialCategory(actor, member)) };
}

export async function updateMobility(db: Db, actor: Actor, requested: TUpdateMobility) {
  const context = await loadProjectContext(db, actor.orgId, requested.projectId);
  if (!context) throw notFound("projectNotFound");
  const distance = await resolveMobilityDistance(context, requested);
  return db.transaction(async (tx) => {
    // A teacher edits only their own mobility (services/permissions.ts); another school's is NOT_FOUND.
    await assertCanEditMobility(tx, actor, requested.mobilityId);
    const project = await lockProject(tx, actor, requested.projectId);
    const before = await getStored(tx, actor, requested.mobilityId);
    if (!before || before.projectId !== project.id) throw notFound("mobilityNotFound");
    if (before.version !== requested.version) throw conflict();
    const input = keepSpecialCategory(actor, requested, before);
    if (!can(actor.role, "mobility.editAny") && input.participantId !== before.participantId) {
      // A teacher may not hand their mobility to someone else (it would no longer be theirs to edit).
      throw new AppError("FORBIDDEN", "forbidden", { participantId: ["notYourMobility"] });
    }
    assertMayChangeMobilityStatus(actor, before.status, input.status);
    await assertOwnParticipants(tx, actor, input);
    const rows = await loadProjectMobilities(tx, actor.orgId, project.id);
    const rates = await ratesForProject(tx, project);
    const draft = toProjectMobility(project, before.id, input.participantId, input.status, { ...input, distanceKm: distance.km });
    assertCap(
      project,
      projectBudget(project, rows, rates),
      projectBudget(project, rows, rates, { mobility: draft, distanceKm: distance.km, replaces: before.id }),
      rates,
    );
    const partnerId = await rememberPartner(tx, actor, input);
    await tx
      .update(mobilities)
      .set({ ...mobilityRowValues(input, distance), partnerOrganisationId: partnerId, version: sql`${mobilities.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(mobilities.id, before.id), eq(mobilities.organisationId, actor.orgId), eq(mobilities.version, input.version)));
    await replaceMembers(tx, actor, before.id, input);
    await storeProjectGrants(tx, project);
    const after = await getStored(tx, actor, before.id);
    await recordAudit(tx, actor, { action: "mobility.update", entityType: "mobility", entityId: before.id, before, after });
    if (!after) throw new Error("mobility vanished inside its own transaction");
    return redactMobility(actor, after);
  });
}

export async function setMobilityStatus(db: Db, actor: Actor, input: TSetMobilityStatus): Promise<{ updated: number }> {
  return db.transaction(async (tx) => {
    const project = await lockProject(tx, actor, input.projectId);
    const rows = await loadProjectMobilities(tx, actor.orgId, project.id);
    const targets = rows.filter((row) => input.mobilityIds.includes(row.id));
    if (targets.length !== new Set(input.mobilityIds).size) throw notFound("mobilityNotFound");
    for (const row of targets) assertMayChangeMobilityStatus(actor, row.status, input.status);
    const rates = await ratesForProject(tx, project);
    const changed = rows.map((row) => (input.mobilityIds.includes(row.id) ? { ...row, status: input.status } : row));
    assertCap(project, projectBudget(project, rows, rates), projectBudget(project, changed, rates), rates);
    const toChange = targets.filter((row) => row.status !== input.status);
    if (toChange.length === 0) return { updated: 0 };
    await tx
      .update(mobilities)
      .set({ status: input.status, version: sql`${mobilities.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(mobilities.organisationId, actor.orgId), inArray(mobilities.id, toChange.map((row) => row.id))));
    await storeProjectGrants(tx, project);
    for (const row of toChange) {
      await recordAudit(tx, actor, {
        action: "mobility.status",
        entityType: "mobility",
        entityId: row.id,
        before: { status: row.status, version: row.version },
        after: { status: input.status, version: row.version + 1 },
      });
    }
    return { updated: toChange.length };
  });
}

/** A copy as a draft (drafts reserve no place under the cap), with its group members. */
export async function duplicateMobility(db: Db, actor: Actor, mobilityId: string) {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ projectId: mobilities.projectId })
      .from(mobilities)
      .where(and(eq(mobilities.id, mobilityId), eq(mobilities.organisationId, actor.orgId)));
    if (!found) throw notFound("mobilityNotFound");
    const project = await lockProject(tx, actor, found.projectId);
    const source = await getStored(tx, actor, mobilityId);
    if (!source) throw notFound("mobilityNotFound");
    // The copy gets the project's next Mobility activity ID (the insert trigger) and no Erasmus+ Mobility ID yet.
    const { id: _id, createdAt: _c, updatedAt: _u, version: _v, grantTotalCents: _t, activityId: _a, erasmusMobilityId: _e, members, ...copy } = source;
    const id = randomUUID();
    const [row] = await tx.insert(mobilities).values({ ...copy, id, status: "draft", grantComputedAt: null }).returning();
    if (!row) throw new Error("insert returned no row");
    if (members.length > 0) {
      await tx.insert(mobilityMembers).values(members.map(({ id: _m, createdAt: _mc, ...m }) => ({ ...m, mobilityId: id })));
    }
    await storeProjectGrants(tx, project);
    await recordAudit(tx, actor, { action: "mobility.duplicate", entityType: "mobility", entityId: id, before: { sourceId: mobilityId }, after: row });
    return redactMobility(actor, { ...row, members: [] });
  });
}

export async function deleteMobility(db: Db, actor: Actor, input: { mobilityId: string; version: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ projectId: mobilities.projectId })
      .from(mobilities)
      .where(and(eq(mobilities.id, input.mobilityId), eq(mobilities.organisationId, actor.orgId)));
    if (!found) throw notFound("mobilityNotFound");
    const project = await lockProject(tx, actor, found.projectId);
    const before = await getStored(tx, actor, input.mobilityId);
    if (!before) throw notFound("mobilityNotFound");
    if (before.version !== input.version) throw conflict();
    await tx.delete(mobilities).where(and(eq(mobilities.id, before.id), eq(mobilities.organisationId, actor.orgId)));
    await storeProjectGrants(tx, project);
    await recordAudit(tx, actor, { action: "mobility.delete", entityType: "mobility", entityId: before.id, before });
  });
}

/** The live estimate behind the form: the engine's answer for this mobility within its project. */
export async function estimateMobility(db: Db, actor: Actor, requested: TEstimateMobility) {
  const project = await loadProjectContext(db, actor.orgId, requested.projectId);
  if (!project) throw notFound("projectNotFound");
  const stored = requested.mobilityId ? await getStored(db, actor, requested.mobilityId) : null;
  const input = keepSpecialCategory(actor, requested, stored ?? undefined);
  const distance = await resolveMobilityDistance(project, input);
  const rows = await loadProjectMobilities(db, actor.orgId, project.id);
  const rates = await ratesForProject(db, project);
  const id = input.mobilityId ?? randomUUID();
  const draft = toProjectMobility(project, id, input.participantId, input.status, { ...input, distanceKm: distance.km });
  const budget = projectBudget(project, rows, rates, { mobility: draft, distanceKm: distance.km, replaces: input.mobilityId });
  const entry = budget.mobilities.find((m) => m.id === id);
  if (!entry) throw new Error("the engine returned no estimate for the draft");
  const estimate = entry.estimate;
  const snapshot = snapshotOf(estimate);
  for (const error of distance.errors) {
    snapshot.issues.unshift({ severity: "error", code: error.code, params: error.params, field: error.field === "origin" ? "originTown" : "destinationTown" });
  }
  return {
    eligible: estimate.eligible && distance.errors.length === 0,
    linesCents: estimate.linesCents,
    /** Lines a missing figure made unknown; totalCents is then "at least". */
    unknownLines: estimate.unknownLines,
    totalCents: estimate.totalCents,
    issues: snapshot.issues,
    /** The figures each line was computed with and where they came from (agreement, NA, default). */
    sources: snapshot.sources,
    details: { ...estimate.details, distanceSource: distance.source },
    persons: "persons" in estimate ? estimate.persons.map((p) => ({ role: p.role, index: p.index, totalCents: p.totalCents, linesCents: p.linesCents })) : [],
    participantCount: budget.participantCount,
    participantCap: participantCap(project.action, rates),
  };
}

export async function getMobility(db: Db, actor: Actor, mobilityId: string) {
  const stored = await getStored(db, actor, mobilityId);
  if (!stored) throw notFound("mobilityNotFound");
  const ids = [stored.participantId, ...stored.members.map((m) => m.participantId)].filter((id): id is string => id !== null);
  const people = ids.length
    ? await db
        .select({ id: participants.id, firstName: participants.firstName, lastName: participants.lastName, kind: participants.kind })
        .from(participants)
        .where(and(eq(participants.organisationId, actor.orgId), inArray(participants.id, ids)))
    : [];
  const lead = stored.participantId ? await db.select({ email: participants.email }).from(participants).where(eq(participants.id, stored.participantId)) : [];
  const canEdit = canEditMobility(actor, { organisationId: stored.organisationId, participantEmail: lead[0]?.email ?? null });
  return { ...redactMobility(actor, stored), people, canEdit };
}
