import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { handlers } from "@/server/auth/config";
import { clientIp, loginLockedUntil } from "@/server/auth/throttle";
import { withRequest } from "@/server/log";

export const GET = (request: NextRequest): Promise<Response> => withRequest(request, () => handlers.GET(request));

/**
 * The credentials callback answers 429 Too Many Requests (with Retry-After) while the account or the
 * client's IP is locked, before Auth.js checks any password; every other auth request passes through.
 */
export const POST = (request: NextRequest): Promise<Response> => withRequest(request, () => post(request));

async function post(request: NextRequest): Promise<Response> {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    if (typeof email === "string" && email.trim()) {
      const until = await loginLockedUntil(await getDb(), email, clientIp(request.headers));
      if (until) {
        const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
        return Response.json(
          { error: "locked", message: "Too many failed sign-ins. Try again later." },
          { status: 429, headers: { "Retry-After": String(seconds), "Cache-Control": "no-store" } },
        );
      }
    }
  }
  return handlers.POST(request);
}
