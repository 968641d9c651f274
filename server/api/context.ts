import "server-only";
import { getDb } from "@/db";
import { auth } from "@/server/auth/config";
import type { Context } from "./trpc";

/** The one context factory for HTTP and RSC; tests build `{ db, session }` themselves. */
export async function createTRPCContext(): Promise<Context> {
  const [session, db] = await Promise.all([auth(), getDb()]);
  const user = session?.user;
  return {
    db,
    session: user?.id ? { user: { id: user.id, email: user.email ?? "", name: user.name ?? "" } } : null,
  };
}
