import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { auth } from "@/server/auth/config";
import { AppError } from "@/server/errors";
import { ZId } from "@/server/schemas/common";
import { mobilityListInput, parseMobilityListSearch, ZMobilityListQuery } from "@/server/schemas/mobility-list";
import { resolveActor } from "@/server/services/memberships";
import { csvLabels, exportMobilitiesCsv } from "@/server/services/mobility-list";
import { log, withRequest } from "@/server/log";

/*
 * The project's mobility list as CSV: the filters and sort of the list's URL (the same query string),
 * every page, streamed in chunks of a thousand rows. Only the school's members get it; for anyone
 * else the project does not exist. Separator, BOM and amounts: see server/services/mobility-list.ts.
 */

function jsonError(status: number, message: string): Response {
  return Response.json({ message }, { status, headers: { "Cache-Control": "no-store" } });
}

export const GET = (request: Request, { params }: { params: Promise<{ orgId: string; projectId: string }> }): Promise<Response> =>
  withRequest(request, async () => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return jsonError(401, "unauthorized");
  const { orgId, projectId } = await params;
  if (!ZId.safeParse(orgId).success || !ZId.safeParse(projectId).success) return jsonError(404, "projectNotFound");

  try {
    const db = await getDb();
    // As orgProcedure does: the membership is resolved on every request, so a removed member is refused.
    const actor = await resolveActor(db, userId, orgId);
    const state = parseMobilityListSearch(new URL(request.url).searchParams);
    const { sort, filters } = mobilityListInput(orgId, projectId, state);
    const query = ZMobilityListQuery.safeParse({ projectId, sort, filters });
    if (!query.success) return jsonError(400, "invalidInput");
    const locale = await getLocale();
    const t = await getTranslations({ locale });
    const chunks = exportMobilitiesCsv(db, actor, query.data, csvLabels((key) => t(key), locale));
    // The first chunk before answering: a project that is not the school's is a 404, not a broken file.
    const first = await chunks.next();
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        if (first.done) controller.close();
        else controller.enqueue(encoder.encode(first.value));
      },
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          log.error({ err: error }, "mobilities CSV failed while streaming");
          controller.error(new Error("export failed"));
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const date = new Date().toISOString().slice(0, 10);
    return new Response(stream, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="mobilities-${date}.csv"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return jsonError(getHTTPStatusCodeFromError(error), error.messageKey);
    log.error({ err: error }, "mobilities CSV failed");
    return jsonError(500, "internal");
  }
  });
