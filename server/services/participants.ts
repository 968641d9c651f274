import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants } from "@/db/schema";
import type { TCreateParticipant } from "@/server/schemas/participants";
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
      })
      .returning(participantView);
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, { action: "participant.create", entityType: "participant", entityId: row.id, after: row });
    return redactSpecialCategory(actor, row);
  });
}

export async function findParticipant(db: Db, actor: Actor, participantId: string) {
  const [row] = await db
    .select(participantView)
    .from(participants)
    .where(and(eq(participants.id, participantId), eq(participants.organisationId, actor.orgId)));
  return row ? redactSpecialCategory(actor, row) : null;
}
