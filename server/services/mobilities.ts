import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mobilities, participants, projects } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import type { TLogMobility } from "@/server/schemas/mobilities";
import { COMMITTED_STATUSES } from "@/server/rules";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";
import { participantsUsedSql } from "./projects";
import { projectParticipantCap } from "./project-rules";

export async function listProjectMobilities(db: Db, actor: Actor, projectId: string) {
  const [project] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, actor.orgId)));
  if (!project) throw notFound("projectNotFound");
  return db
    .select({
      id: mobilities.id,
      activityType: mobilities.activityType,
      status: mobilities.status,
      accompanying: mobilities.accompanying,
      startDate: mobilities.startDate,
      endDate: mobilities.endDate,
      travelDays: mobilities.travelDays,
      greenTravel: mobilities.greenTravel,
      receivingOrganisation: mobilities.receivingOrganisation,
      destinationCountry: mobilities.destinationCountry,
      destinationTown: mobilities.destinationTown,
      distanceKm: mobilities.distanceKm,
      version: mobilities.version,
      participant: {
        id: participants.id,
        firstName: participants.firstName,
        lastName: participants.lastName,
        kind: participants.kind,
      },
    })
    .from(mobilities)
    .leftJoin(participants, eq(participants.id, mobilities.participantId))
    .where(and(eq(mobilities.projectId, projectId), eq(mobilities.organisationId, actor.orgId)))
    .orderBy(asc(mobilities.startDate), asc(mobilities.createdAt));
}

/**
 * Logs one mobility. The project row is locked for the whole transaction, so the participant cap
 * holds however many requests arrive at once.
 */
export async function logMobility(db: Db, actor: Actor, input: TLogMobility) {
  return db.transaction(async (tx) => {
    const [project] = await tx
      .select({ id: projects.id, action: projects.action, callYear: projects.callYear })
      .from(projects)
      .where(and(eq(projects.id, input.projectId), eq(projects.organisationId, actor.orgId)))
      .for("update");
    if (!project) throw notFound("projectNotFound");

    const [participant] = await tx
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.id, input.participantId), eq(participants.organisationId, actor.orgId)));
    if (!participant) throw new AppError("BAD_REQUEST", "invalidInput", { participantId: ["participantNotFound"] });

    const cap = projectParticipantCap(project.action, project.callYear);
    const countsTowardsCap =
      input.activityType !== "PREP-VISIT" && (COMMITTED_STATUSES as readonly string[]).includes(input.status);
    if (cap !== null && countsTowardsCap) {
      const [already] = await tx
        .select({ one: sql<number>`1` })
        .from(mobilities)
        .where(
          and(
            eq(mobilities.projectId, project.id),
            eq(mobilities.participantId, input.participantId),
            inArray(mobilities.status, [...COMMITTED_STATUSES]),
            sql`not ${mobilities.accompanying} and ${mobilities.activityType} <> 'PREP-VISIT'`,
          ),
        )
        .limit(1);
      // Counted in a statement of its own, after the lock: under READ COMMITTED it then sees every
      // mobility committed by whoever held the lock before us (a subquery in the locking SELECT would not).
      const [usage] = await tx
        .select({ used: participantsUsedSql })
        .from(projects)
        .where(eq(projects.id, project.id));
      if (!already && (usage?.used ?? 0) >= cap) {
        throw new AppError("BAD_REQUEST", "participantCapReached", { participantId: ["participantCapReached"] });
      }
    }

    const [row] = await tx
      .insert(mobilities)
      .values({
        organisationId: actor.orgId,
        projectId: project.id,
        participantId: input.participantId,
        activityType: input.activityType,
        status: input.status,
        startDate: input.startDate,
        endDate: input.endDate,
        travelDays: input.travelDays,
        greenTravel: input.greenTravel,
        receivingOrganisation: input.receivingOrganisation,
        destinationCountry: input.destinationCountry,
        destinationTown: input.destinationTown,
        distanceKm: input.distanceKm ?? null,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, { action: "mobility.create", entityType: "mobility", entityId: row.id, after: row });
    return row;
  });
}
