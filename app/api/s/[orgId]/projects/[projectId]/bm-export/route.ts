import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createTRPCContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { writeBmCsv, writeBmXlsx } from "@/server/services/bm-files";
import { log, withRequest } from "@/server/log";

/**
 * The project's mobilities in the Beneficiary Module's layout (?format=xlsx|csv, ?only=completed).
 * Through the `bm.export` procedure, so session, membership and special-category permission are
 * checked exactly as for tRPC.
 */
async function handle(request: Request, { params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const search = new URL(request.url).searchParams;
  const format = search.get("format") === "csv" ? "csv" : "xlsx";
  try {
    const caller = createCaller(await createTRPCContext());
    const data = await caller.bm.export({ orgId, projectId, onlyCompleted: search.get("only") === "completed" });
    const name = `bm-${data.projectNumber}-${new Date().toISOString().slice(0, 10)}.${format}`;
    const headers = { "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
    if (format === "csv") {
      return new Response(writeBmCsv(data.headers, data.row2, data.rows), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
    }
    const bytes = await writeBmXlsx(data.template.sheetName, data.headers, data.row2, data.rows);
    return new Response(Buffer.from(bytes), {
      headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
  } catch (error) {
    if (error instanceof TRPCError) {
      return Response.json({ message: error.message }, { status: getHTTPStatusCodeFromError(error), headers: { "Cache-Control": "no-store" } });
    }
    log.error({ err: error }, "BM export failed");
    return Response.json({ message: "internal" }, { status: 500 });
  }
}

export const GET = (request: Request, context: { params: Promise<{ orgId: string; projectId: string }> }): Promise<Response> => withRequest(request, () => handle(request, context));
