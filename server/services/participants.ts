import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants } from "@/db/schema";
import { conflict, notFound } from "@/server/errors";
import type { TCreateParticipant, TUpdateParticipant } from "@/server/schemas/participants";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";
import { redactSpecialCategory } from "./permissions";

const participantView = {
  id: participants.id,
  kind: participants.kind,
  firstName: participants.firstName,
  lastName: participants.lastName,
  email: participants.email,
  staffRole: participants.staffRole,
  dateOfBirth: participants.dateOfBirth,
  /** Special category: removed by redactSpecialCategory for members without the permission. */
  fewerOpportunities: participants.fewerOpportunities,
  fewerOpportunitiesNote: participants.fewerOpportunitiesNote,
  version: participants.version,
};

export async function listParticipants(db: Db, actor: Actor) {
  const rows = await db
    .select(participantView)
    .from(participants)
    .where(eq(participants.organisationId, actor.orgId))
    .orderBy(asc(participants.lastName), asc(participants.firstName));
  return rows.map((row) => redactSpecialCategory(actor, row));
}

export async function createParticipant(db: Db, actor: Actor, input: TCreateParticipant) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(participants)
      .values({
        organisationId: actor.orgId,
        kind: input.kind,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email ?? null,
        staffRole: input.kind === "staff" ? (input.staffRole ?? null) : null,
        dateOfBirth: input.dateOfBirth ?? null,
        // Special-category data only from members allowed to see it.
        fewerOpportunities: actor.specialCategory ? input.fewerOpportunities : false,
        fewerOpportunitiesNote: actor.specialCategory ? (input.fewerOpportunitiesNote ?? null) : null,
      })
      .returning(participantView);
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, { action: "participant.create", entityType: "participant", entityId: row.id, after: row });
    return redactSpecialCategory(actor, row);
  });
}

export async function updateParticipant(db: Db, actor: Actor, input: TUpdateParticipant) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select(participantView)
      .from(participants)
      .where(and(eq(participants.id, input.participantId), eq(participants.organisationId, actor.orgId)))
      .for("update");
    if (!before) throw notFound("participantNotFound");
    if (before.version !== input.version) throw conflict();
    const [after] = await tx
      .update(participants)
      .set({
        kind: input.kind,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email ?? null,
        staffRole: input.kind === "staff" ? (input.staffRole ?? null) : null,
        dateOfBirth: input.dateOfBirth ?? null,
        // What a member without the permission cannot see stays as it was.
        fewerOpportunities: actor.specialCategory ? input.fewerOpportunities : before.fewerOpportunities,
        fewerOpportunitiesNote: actor.specialCategory ? (input.fewerOpportunitiesNote ?? null) : before.fewerOpportunitiesNote,
        version: sql`${participants.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(participants.id, before.id), eq(participants.organisationId, actor.orgId)))
      .returning(participantView);
    if (!after) throw new Error("update returned no row");
    await recordAudit(tx, actor, { action: "participant.update", entityType: "participant", entityId: before.id, before, after });
    return redactSpecialCategory(actor, after);
  });
}
