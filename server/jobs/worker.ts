import type { Db } from "@/db/client";
import { log } from "@/server/log";
import { claimJobs, completeJob, failJob, type TJob } from "@/server/services/jobs";
import { deliverWebhook, markDeliveryFailed } from "@/server/services/webhooks";

/*
 * The job queue's worker (server/services/jobs.ts): polls the `jobs` table, runs each claimed job's
 * handler, records success or schedules the retry. Started once per server process from
 * server/startup.ts (so it runs in `npm start`); every instance may run one — SKIP LOCKED keeps them
 * from taking the same job.
 */

export interface TJobHandler {
  run: (db: Db, payload: unknown) => Promise<void>;
  /** After the last attempt failed. */
  onGiveUp?: (db: Db, payload: unknown) => Promise<void>;
}

/** The handler of each queue. A new kind of job is a queue name and its handler here. */
export const JOB_HANDLERS: Record<string, TJobHandler> = {
  "webhook.deliver": {
    run: (db, payload) => deliverWebhook(db, payload),
    onGiveUp: async (db, payload) => {
      const deliveryId = (payload as { deliveryId?: unknown } | null)?.deliveryId;
      if (typeof deliveryId === "string") await markDeliveryFailed(db, deliveryId);
    },
  },
};

async function runJob(db: Db, job: TJob, handlers: Record<string, TJobHandler>): Promise<void> {
  const handler = handlers[job.queue];
  try {
    if (!handler) throw new Error(`no handler for queue ${job.queue}`);
    await handler.run(db, job.payload);
    await completeJob(db, job);
  } catch (error) {
    const outcome = await failJob(db, job, error instanceof Error ? error.message : String(error));
    if (outcome === "failed") await handler?.onGiveUp?.(db, job.payload);
    log.warn({ jobId: job.id, queue: job.queue, attempt: job.attempts, outcome, err: error }, "job attempt failed");
  }
}

/** One pass: claims what is due (up to `limit`) and runs it. Returns how many jobs ran. */
export async function runDueJobs(db: Db, options: { limit?: number; handlers?: Record<string, TJobHandler> } = {}): Promise<number> {
  const handlers = options.handlers ?? JOB_HANDLERS;
  const claimed = await claimJobs(db, Object.keys(handlers), options.limit ?? 10);
  await Promise.all(claimed.map((job) => runJob(db, job, handlers)));
  return claimed.length;
}

const globalForWorker = globalThis as typeof globalThis & { __mobiloJobWorker?: { stop: () => void } };

/** Starts polling (every `pollMs`, at once again while there was work); once per process. */
export function startJobWorker(db: Db, pollMs = 2000): { stop: () => void } {
  if (globalForWorker.__mobiloJobWorker) return globalForWorker.__mobiloJobWorker;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    let ran = 0;
    try {
      ran = await runDueJobs(db);
    } catch (error) {
      log.error({ err: error }, "job worker pass failed");
    }
    if (!stopped) {
      timer = setTimeout(() => void tick(), ran > 0 ? 0 : pollMs);
      timer.unref();
    }
  };
  timer = setTimeout(() => void tick(), pollMs);
  timer.unref();
  const handle = {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      globalForWorker.__mobiloJobWorker = undefined;
    },
  };
  globalForWorker.__mobiloJobWorker = handle;
  return handle;
}
