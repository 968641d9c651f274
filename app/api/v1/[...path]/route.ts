import { restApi } from "@/server/api/rest";
import { routeHandler } from "@/server/api/route-handler";

/*
 * The public REST API (docs/api.md): every /api/v1 request goes through the one door with the request's
 * API key as the caller's context; server/api/rest/operations.ts is the table of operations.
 */
const handler = routeHandler<{ path: string[] }>("api.v1", restApi, { auth: "apiKey" });

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
