import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { invitations, memberships, organisations, users } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { hashToken } from "@/server/auth/tokens";
import { AppError, forbidden, notFound } from "@/server/errors";
import type { TAcceptInvitationNew } from "@/server/schemas/account";
import { recordAudit } from "./audit";

/*
 * Accepting an invitation from its e-mail link. The token is single-use (accepted_at), expires after
 * 7 days, and dies when revoked or replaced; every such case answers the same NOT_FOUND, so a link
 * reveals nothing once it is no longer valid.
 */

function validInvitation(tokenHash: string) {
  return and(
    eq(invitations.tokenHash, tokenHash),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, sql`now()`),
  );
}

const invitationView = {
  id: invitations.id,
  organisationId: invitations.organisationId,
  email: invitations.email,
  role: invitations.role,
  specialCategoryAccess: invitations.specialCategoryAccess,
};

async function findUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user ?? null;
}

/** What the invitation page shows: the school, the address, the role, and whether to sign in or create an account. */
export async function inspectInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ ...invitationView, organisationName: organisations.name, expiresAt: invitations.expiresAt })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(validInvitation(hashToken(token)));
  if (!row) throw notFound("invitationInvalid");
  const account = await findUserByEmail(db, row.email);
  return {
    organisationName: row.organisationName,
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt,
    accountExists: account !== null,
  };
}

async function lockValidInvitation(tx: DbOrTx, token: string) {
  const [row] = await tx.select(invitationView).from(invitations).where(validInvitation(hashToken(token))).for("update");
  if (!row) throw notFound("invitationInvalid");
  return row;
}

async function joinSchool(
  tx: DbOrTx,
  invitation: Awaited<ReturnType<typeof lockValidInvitation>>,
  userId: string,
): Promise<void> {
  const [membership] = await tx
    .insert(memberships)
    .values({
      userId,
      organisationId: invitation.organisationId,
      role: invitation.role,
      specialCategoryAccess: invitation.specialCategoryAccess,
    })
    .onConflictDoNothing()
    .returning({ id: memberships.id, role: memberships.role, specialCategoryAccess: memberships.specialCategoryAccess });
  await tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.id, invitation.id), eq(invitations.organisationId, invitation.organisationId)));
  const actor = { userId, orgId: invitation.organisationId };
  await recordAudit(tx, actor, {
    action: "invitation.accept",
    entityType: "invitation",
    entityId: invitation.id,
    before: { acceptedAt: null },
    after: { email: invitation.email, role: invitation.role, acceptedAt: new Date() },
  });
  // Already a member (invited twice, say): the invitation is used up and the existing role stays.
  if (membership) {
    await recordAudit(tx, actor, {
      action: "member.join",
      entityType: "membership",
      entityId: membership.id,
      after: { email: invitation.email, role: membership.role, specialCategoryAccess: membership.specialCategoryAccess },
    });
  }
}

/** A new person: creates the account (name, argon2id password) and the membership in one transaction. */
export async function acceptInvitationAsNewUser(db: Db, input: TAcceptInvitationNew) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const invitation = await lockValidInvitation(tx, input.token);
    if (await findUserByEmail(tx, invitation.email)) throw new AppError("CONFLICT", "accountExistsSignIn");
    const [user] = await tx
      .insert(users)
      .values({ email: invitation.email, name: input.name, passwordHash, locale: input.locale ?? null })
      .returning({ id: users.id, email: users.email, name: users.name, locale: users.locale });
    if (!user) throw new Error("insert returned no row");
    await recordAudit(tx, { userId: user.id, orgId: invitation.organisationId }, {
      action: "user.create",
      entityType: "user",
      entityId: user.id,
      after: { email: user.email, name: user.name, locale: user.locale },
    });
    await joinSchool(tx, invitation, user.id);
    return { organisationId: invitation.organisationId, email: user.email };
  });
}

/** A signed-in person accepts: only the account the invitation was addressed to may use it. */
export async function acceptInvitationAsUser(db: Db, userId: string, token: string) {
  return db.transaction(async (tx) => {
    const invitation = await lockValidInvitation(tx, token);
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user || user.email.toLowerCase() !== invitation.email.toLowerCase()) throw forbidden();
    await joinSchool(tx, invitation, userId);
    return { organisationId: invitation.organisationId, email: user.email };
  });
}
