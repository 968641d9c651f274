import { MAX_TRPC_BATCH_SIZE } from "@/lib/trpc-limits";
import { appRouter } from "./root";

/** How `/api/trpc` serves the router (app/api/trpc/[trpc]/route.ts; tests use the same options). */
export const TRPC_HTTP_OPTIONS = {
  endpoint: "/api/trpc",
  router: appRouter,
  /** Finding 8 of the outside test: batches were unlimited (50 queries in one GET). */
  maxBatchSize: MAX_TRPC_BATCH_SIZE,
} as const;
