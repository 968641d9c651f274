/**
 * At most this many calls in one tRPC batch request. The server refuses a larger batch (400, before
 * running any of it: app/api/trpc); the browser's batch link splits its calls to stay within it.
 */
export const MAX_TRPC_BATCH_SIZE = 10;
