import { createHash, randomBytes } from "node:crypto";

/*
 * Single-use tokens for invitations and password resets: 32 random bytes in the link, only their
 * SHA-256 in the database, so a copy of the database does not let anyone accept or reset.
 */

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}
