import "server-only";
import { getDb } from "@/db";
import { auth } from "@/server/auth/config";
import type { Context } from "./trpc";

/**
 * The one context factory for `/api/trpc` (transport "http"), RSC and the route handlers' door
 * (server/api/route-handler.ts); tests build `{ db, session }` themselves.
 */
export async function createTRPCContext(transport?: Context["transport"]): Promise<Context> {
  const [session, db] = await Promise.all([auth(), getDb()]);
  const user = session?.user;
  return {
    db,
    session: user?.id ? { user: { id: user.id, email: user.email ?? "", name: user.name ?? "" } } : null,
    ...(transport ? { transport } : {}),
  };
}
