import { and, asc, desc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { mayInvite } from "@/lib/capabilities";
import { invitations, memberships, organisations, users, type MembershipRole } from "@/db/schema";
import { AppError, forbidden, notFound } from "@/server/errors";
import { INVITATION_TTL_MS, newToken } from "@/server/auth/tokens";
import { appUrl, composeMail, fill, sendMail } from "@/server/mail/mailer";
import { mailText } from "@/server/mail/messages";
import type { TChangeRole, TInviteMember, TSetSpecialCategory } from "@/server/schemas/members";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";

/*
 * The members of a school (docs/decisions.md, "Who manages members"): the school admin manages
 * everything; a coordinator may invite teachers (without special-category access) and withdraw such
 * invitations. A change takes effect at the member's next request, because every request resolves
 * the membership afresh (server/api/trpc.ts orgProcedure).
 */

export async function listMembers(db: Db, actor: Actor) {
  const members = await db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      specialCategoryAccess: memberships.specialCategoryAccess,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, actor.orgId))
    .orderBy(asc(users.name));
  const inviter = sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${invitations.invitedBy})`;
  const pending = await db
    .select({
      invitationId: invitations.id,
      email: invitations.email,
      role: invitations.role,
      specialCategoryAccess: invitations.specialCategoryAccess,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedBy: inviter,
    })
    .from(invitations)
    .where(and(eq(invitations.organisationId, actor.orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt));
  const now = Date.now();
  return {
    members: members.map((m) => ({ ...m, isYou: m.userId === actor.userId })),
    invitations: pending.map((i) => ({ ...i, expired: i.expiresAt.getTime() <= now })),
  };
}

/** A coordinator invites teachers only, and cannot hand out the special-category permission (`mayInvite`). */
function assertMayInvite(actor: Actor, invitation: { role: MembershipRole; specialCategoryAccess: boolean }) {
  if (!mayInvite(actor.role, invitation)) throw forbidden();
}

export async function inviteMember(db: Db, actor: Actor, input: TInviteMember) {
  assertMayInvite(actor, input);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, actor.orgId), eq(sql`lower(${users.email})`, input.email)));
    if (existing) throw new AppError("CONFLICT", "invalidInput", { email: ["alreadyMember"] });

    // A new invitation replaces any earlier one to the same address: only the latest link works. The
    // lock (per school and address, until commit) makes concurrent invitations take turns, so each one
    // sees and revokes the one committed before it — ten at once still leave exactly one valid link.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`invitation:${actor.orgId}:${input.email}`}, 0))`);
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.organisationId, actor.orgId),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );

    const { token, tokenHash } = newToken();
    const [row] = await tx
      .insert(invitations)
      .values({
        organisationId: actor.orgId,
        email: input.email,
        role: input.role,
        specialCategoryAccess: input.specialCategoryAccess,
        tokenHash,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        invitedBy: actor.userId,
        // The moment it is issued (after its turn at the lock), not the transaction's start: the newest is the valid one.
        createdAt: sql`clock_timestamp()`,
      })
      .returning({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        specialCategoryAccess: invitations.specialCategoryAccess,
        expiresAt: invitations.expiresAt,
      });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, { action: "invitation.create", entityType: "invitation", entityId: row.id, after: row });

    const [school] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.orgId));
    const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
    const text = mailText(input.locale);
    const values = {
      school: school?.name ?? "",
      inviter: me?.name ?? "",
      role: text.roles[input.role],
      days: String(INVITATION_TTL_MS / 86_400_000),
    };
    // Sent inside the transaction: if the mail cannot be handed over, no invitation is left behind.
    await sendMail(
      composeMail(
        input.email,
        {
          subject: fill(text.invitation.subject, values),
          greeting: text.invitation.greeting,
          body: fill(text.invitation.body, values),
          action: text.invitation.action,
          footer: fill(text.invitation.footer, values),
        },
        appUrl(`/invite/${token}`),
      ),
    );
    return row;
  });
}

export async function revokeInvitation(db: Db, actor: Actor, invitationId: string) {
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({ id: invitations.id, role: invitations.role, specialCategoryAccess: invitations.specialCategoryAccess, email: invitations.email })
      .from(invitations)
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.organisationId, actor.orgId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .for("update");
    if (!invitation) throw notFound("invitationNotFound");
    assertMayInvite(actor, invitation);
    const revokedAt = new Date();
    await tx.update(invitations).set({ revokedAt }).where(and(eq(invitations.id, invitation.id), eq(invitations.organisationId, actor.orgId)));
    await recordAudit(tx, actor, {
      action: "invitation.revoke",
      entityType: "invitation",
      entityId: invitation.id,
      before: { email: invitation.email, role: invitation.role, revokedAt: null },
      after: { email: invitation.email, role: invitation.role, revokedAt },
    });
    return { invitationId: invitation.id };
  });
}

/** Locks the school's row, so two admins demoting each other at once cannot leave the school without one. */
async function lockMembership(tx: DbOrTx, actor: Actor, membershipId: string) {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, actor.orgId)).for("update");
  const [row] = await tx
    .select({
      id: memberships.id,
      userId: memberships.userId,
      role: memberships.role,
      specialCategoryAccess: memberships.specialCategoryAccess,
      email: users.email,
      name: users.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.organisationId, actor.orgId)));
  if (!row) throw notFound("memberNotFound");
  return row;
}

/**
 * The roles a school always keeps one member of — someone manages the members, someone runs the
 * projects — with the error for taking away the last one.
 */
const LAST_OF_ROLE: Partial<Record<MembershipRole, "lastSchoolAdmin" | "lastCoordinator">> = {
  school_admin: "lastSchoolAdmin",
  coordinator: "lastCoordinator",
};

/** The school keeps at least one school admin and one coordinator: the last one cannot leave or be demoted. */
async function assertNotLastOfRole(tx: DbOrTx, actor: Actor, membership: { id: string; role: MembershipRole }) {
  const lastOne = LAST_OF_ROLE[membership.role];
  if (!lastOne) return;
  const [others] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.organisationId, actor.orgId), eq(memberships.role, membership.role), ne(memberships.id, membership.id)));
  if ((others?.count ?? 0) === 0) {
    throw new AppError("CONFLICT", lastOne);
  }
}

export async function changeMemberRole(db: Db, actor: Actor, input: TChangeRole) {
  return db.transaction(async (tx) => {
    const member = await lockMembership(tx, actor, input.membershipId);
    if (member.role === input.role) return { membershipId: member.id, role: member.role };
    await assertNotLastOfRole(tx, actor, member);
    await tx
      .update(memberships)
      .set({ role: input.role, updatedAt: new Date() })
      .where(and(eq(memberships.id, member.id), eq(memberships.organisationId, actor.orgId)));
    await recordAudit(tx, actor, {
      action: "member.changeRole",
      entityType: "membership",
      entityId: member.id,
      before: { email: member.email, role: member.role },
      after: { email: member.email, role: input.role },
    });
    return { membershipId: member.id, role: input.role };
  });
}

export async function setMemberSpecialCategory(db: Db, actor: Actor, input: TSetSpecialCategory) {
  return db.transaction(async (tx) => {
    const member = await lockMembership(tx, actor, input.membershipId);
    if (member.specialCategoryAccess !== input.specialCategoryAccess) {
      await tx
        .update(memberships)
        .set({ specialCategoryAccess: input.specialCategoryAccess, updatedAt: new Date() })
        .where(and(eq(memberships.id, member.id), eq(memberships.organisationId, actor.orgId)));
      await recordAudit(tx, actor, {
        action: input.specialCategoryAccess ? "member.grantSpecialCategory" : "member.revokeSpecialCategory",
        entityType: "membership",
        entityId: member.id,
        before: { email: member.email, specialCategoryAccess: member.specialCategoryAccess },
        after: { email: member.email, specialCategoryAccess: input.specialCategoryAccess },
      });
    }
    return { membershipId: member.id, specialCategoryAccess: input.specialCategoryAccess };
  });
}

export async function removeMember(db: Db, actor: Actor, membershipId: string) {
  return db.transaction(async (tx) => {
    const member = await lockMembership(tx, actor, membershipId);
    await assertNotLastOfRole(tx, actor, member);
    await tx.delete(memberships).where(and(eq(memberships.id, member.id), eq(memberships.organisationId, actor.orgId)));
    await recordAudit(tx, actor, {
      action: "member.remove",
      entityType: "membership",
      entityId: member.id,
      before: { email: member.email, name: member.name, role: member.role, specialCategoryAccess: member.specialCategoryAccess },
    });
    return { membershipId: member.id };
  });
}
