import { getLocale, getTranslations } from "next-intl/server";
import { zonedDate } from "@/lib/zoned-time";
import { downloadHeaders, routeHandler } from "@/server/api/route-handler";
import { env } from "@/server/env";
import { log } from "@/server/log";
import { csvLabels, mobilityListInput, parseMobilityListSearch } from "@/server/schemas/mobility-list";

/*
 * The project's mobility list as CSV: the filters and sort of the list's URL (the same query string),
 * every page, streamed in chunks of a thousand rows (`mobilities.exportCsv`). Only the school's members
 * get it; for anyone else the project does not exist. Separator, BOM and amounts: see
 * server/services/mobility-list.ts and lib/csv.ts.
 */
export const GET = routeHandler<{ orgId: string; projectId: string }>("mobilities.csv", async ({ request, params, caller }) => {
  const { orgId, projectId } = params;
  const state = parseMobilityListSearch(new URL(request.url).searchParams);
  const { sort, filters } = mobilityListInput(orgId, projectId, state);
  const locale = await getLocale();
  const t = await getTranslations({ locale });
  const chunks = await caller.mobilities.exportCsv({ orgId, projectId, sort, filters, labels: csvLabels((key) => t(key), locale) });
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
  const date = zonedDate(new Date(), env.MOBILO_TIME_ZONE);
  return new Response(stream, { headers: downloadHeaders("text/csv; charset=utf-8", `mobilities-${date}.csv`) });
});
