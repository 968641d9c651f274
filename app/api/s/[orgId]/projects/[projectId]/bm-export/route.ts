import { downloadHeaders, routeHandler } from "@/server/api/route-handler";

/** The project's mobilities in the Beneficiary Module's layout (?format=xlsx|csv, ?only=completed): `bm.exportFile`. */
export const GET = routeHandler<{ orgId: string; projectId: string }>("bm-export", async ({ request, params, caller }) => {
  const search = new URL(request.url).searchParams;
  const file = await caller.bm.exportFile({
    orgId: params.orgId,
    projectId: params.projectId,
    onlyCompleted: search.get("only") === "completed",
    format: search.get("format") === "csv" ? "csv" : "xlsx",
  });
  return new Response(Buffer.from(file.bytes), { headers: downloadHeaders(file.contentType, file.fileName) });
});
