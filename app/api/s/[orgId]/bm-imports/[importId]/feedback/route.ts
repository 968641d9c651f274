import { getTranslations } from "next-intl/server";
import { downloadHeaders, routeHandler } from "@/server/api/route-handler";

/** The feedback file: the uploaded sheet, bad cells marked, a comment on each in the user's language (`bm.feedbackFile`). */
export const GET = routeHandler<{ orgId: string; importId: string }>("bm-feedback", async ({ params, caller }) => {
  const t = await getTranslations();
  const message = (code: string, values?: Record<string, string | number>) =>
    t.has(code as Parameters<typeof t.has>[0]) ? t(code as Parameters<typeof t>[0], values) : code;
  const file = await caller.bm.feedbackFile({ orgId: params.orgId, importId: params.importId, translations: { message } });
  return new Response(Buffer.from(file.bytes), {
    headers: downloadHeaders("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.fileName),
  });
});
