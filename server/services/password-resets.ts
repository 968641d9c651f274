import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passwordResets, users } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { endSessions } from "./sessions";
import { clearAccountFailures } from "@/server/auth/throttle";
import { PASSWORD_RESET_TTL_MS, hashToken, newToken } from "@/server/auth/tokens";
import { notFound } from "@/server/errors";
import { appUrl, composeMail, fill, sendMail } from "@/server/mail/mailer";
import { mailText } from "@/server/mail/messages";
import type { TRequestPasswordReset, TResetPassword } from "@/server/schemas/account";
import { recordAudit } from "./audit";
import { log } from "@/server/log";

/*
 * Password reset by e-mail link: single-use, valid for one hour, only the SHA-256 of the token stored.
 * The request answers the same whether or not the account exists, and the mail leaves after the
 * answer, so neither the reply nor its timing tells an account apart from none.
 */

export async function requestPasswordReset(db: Db, input: TRequestPasswordReset): Promise<{ ok: true }> {
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(sql`lower(${users.email})`, input.email));
  if (!user) return { ok: true };
  const { token, tokenHash } = newToken();
  await db.transaction(async (tx) => {
    // Only the newest link works: earlier unused ones are retired.
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    const [row] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash, expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS) })
      .returning({ id: passwordResets.id, expiresAt: passwordResets.expiresAt });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, { userId: null, orgId: null }, {
      action: "password.resetRequested",
      entityType: "user",
      entityId: user.id,
      after: { expiresAt: row.expiresAt },
    });
  });
  // In the language of the page the reset was asked from: the person asking reads it right now.
  const text = mailText(input.locale);
  const values = { name: user.name, minutes: String(PASSWORD_RESET_TTL_MS / 60_000) };
  void sendMail(
    composeMail(
      user.email,
      {
        subject: text.reset.subject,
        greeting: fill(text.reset.greeting, values),
        body: text.reset.body,
        action: text.reset.action,
        footer: fill(text.reset.footer, values),
      },
      appUrl(`/reset-password/${token}`),
    ),
  ).catch((error: unknown) => log.error({ err: error }, "password reset mail failed"));
  return { ok: true };
}

export async function resetPassword(db: Db, input: TResetPassword): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction(async (tx) => {
    const [reset] = await tx
      .select({ id: passwordResets.id, userId: passwordResets.userId })
      .from(passwordResets)
      .where(and(eq(passwordResets.tokenHash, hashToken(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .for("update");
    if (!reset) throw notFound("resetInvalid");
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(users.id, reset.userId))
      .returning({ id: users.id, email: users.email });
    if (!user) throw notFound("resetInvalid");
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    // Whoever was signed in with the old password (the reason for a reset, often) is signed out.
    await endSessions(tx, user.id);
    await recordAudit(tx, { userId: user.id, orgId: null }, { action: "password.reset", entityType: "user", entityId: user.id });
    return user;
  });
  // A new password ends an account lock: the owner proved they hold the mailbox.
  await clearAccountFailures(db, result.email);
  return { email: result.email };
}
