import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Actor } from "./memberships";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Written inside the mutation's own transaction: the change and its trace land together or not at all. */
export async function recordAudit(
  tx: DbOrTx,
  // orgId null: an account event of no school (a password reset); userId null: no one signed in.
  actor: { userId: Actor["userId"] | null; orgId: Actor["orgId"] | null },
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditLog).values({
    organisationId: actor.orgId,
    actorUserId: actor.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
