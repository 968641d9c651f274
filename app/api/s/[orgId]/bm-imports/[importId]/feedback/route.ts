import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { getTranslations } from "next-intl/server";
import { createTRPCContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { writeFeedbackXlsx } from "@/server/services/bm-files";
import { log, withRequest } from "@/server/log";

/** The feedback file: the uploaded sheet with each refused cell marked and a comment in the user's language. */
async function handle(_request: Request, { params }: { params: Promise<{ orgId: string; importId: string }> }) {
  const { orgId, importId } = await params;
  try {
    const caller = createCaller(await createTRPCContext());
    const { fileName, sheet, issues } = await caller.bm.feedback({ orgId, importId });
    const t = await getTranslations();
    // A message about the whole file goes on the first header cell.
    const marks = issues.map((issue) => ({
        row: issue.row ?? 0,
        column: issue.row === null ? 0 : issue.column,
        severity: issue.severity,
        message: t.has(issue.code) ? t(issue.code, issue.params) : issue.code,
      }));
    const bytes = await writeFeedbackXlsx(sheet, marks);
    const base = fileName.replace(/\.[^.]*$/, "").replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 80) || "import";
    return new Response(Buffer.from(bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${encodeURIComponent(base)}-feedback.xlsx"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) {
      return Response.json({ message: error.message }, { status: getHTTPStatusCodeFromError(error), headers: { "Cache-Control": "no-store" } });
    }
    log.error({ err: error }, "BM feedback file failed");
    return Response.json({ message: "internal" }, { status: 500 });
  }
}

export const GET = (request: Request, context: { params: Promise<{ orgId: string; importId: string }> }): Promise<Response> => withRequest(request, () => handle(request, context));
