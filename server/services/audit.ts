import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Actor } from "./memberships";

/**
 * Every kind of row the audit trail records. Whatever their snapshots hold, special-category fields are
 * redacted at every depth when read (permissions.ts `redactAuditSnapshot`, through audit-trail.ts);
 * tests/server/audit-redaction.test.ts goes through each of them.
 */
export const AUDITED_ENTITIES = [
  "project",
  "participant",
  "partner_organisation",
  "mobility",
  "mobility_evidence",
  "invitation",
  "membership",
  "user",
  "finding",
  "na_rate_set",
  "api_key",
  "webhook",
] as const;
export type TAuditedEntity = (typeof AUDITED_ENTITIES)[number];

export interface AuditEntry {
  action: string;
  entityType: TAuditedEntity;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Written inside the mutation's own transaction: the change and its trace land together or not at all. */
export async function recordAudit(
  tx: DbOrTx,
  // orgId null: an account event of no school (a password reset); userId null: no one signed in.
  // apiKeyId: a call through the public API: the key is the actor (actor_api_key_id), not a person.
  actor: { userId: Actor["userId"] | null; orgId: Actor["orgId"] | null; apiKeyId?: string },
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditLog).values({
    organisationId: actor.orgId,
    actorUserId: actor.apiKeyId ? null : actor.userId,
    actorApiKeyId: actor.apiKeyId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
