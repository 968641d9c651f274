import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { jobs } from "@/db/schema";

/*
 * The app's job queue, in PostgreSQL (table `jobs`; server/jobs/worker.ts runs it inside `npm start`).
 *  - Enqueue in the transaction of the change that causes the job (an outbox): both commit or neither,
 *    so a crash loses nothing and sends nothing that did not happen.
 *  - Claim with `FOR UPDATE SKIP LOCKED`: any number of app instances share the queue and no job is run
 *    by two of them. A claimed job holds a lease; a job whose lease expired (its process died) is
 *    claimed again, so delivery is at least once (handlers are idempotent or say so).
 *  - A failed attempt is retried with exponential backoff (`backoffSeconds`) until `max_attempts`, then
 *    the job is `failed` and keeps its last error.
 * Queues: `webhook.deliver` (services/webhooks.ts); reminders (#16) are meant to be the next.
 */

export interface TJob {
  id: number;
  queue: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export async function enqueueJob(tx: DbOrTx, queue: string, payload: unknown, options: { runAt?: Date; maxAttempts?: number } = {}): Promise<number> {
  const [row] = await tx
    .insert(jobs)
    .values({ queue, payload, ...(options.runAt ? { runAt: options.runAt } : {}), ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) })
    .returning({ id: jobs.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

/** Claims up to `limit` due jobs of the given queues (queued and due, or running with an expired lease). */
export async function claimJobs(db: Db, queues: readonly string[], limit: number, leaseSeconds = 300): Promise<TJob[]> {
  if (queues.length === 0) return [];
  const rows = await db.execute<{ id: string | number; queue: string; payload: unknown; attempts: number; max_attempts: number }>(sql`
    update jobs set status = 'running', attempts = attempts + 1, lease_until = now() + make_interval(secs => ${leaseSeconds})
    where id in (
      select id from jobs
      where queue in (${sql.join(queues.map((q) => sql`${q}`), sql`, `)})
        and ((status = 'queued' and run_at <= now()) or (status = 'running' and lease_until < now()))
      order by run_at, id
      limit ${limit}
      for update skip locked)
    returning id, queue, payload, attempts, max_attempts`);
  return rows.map((r) => ({ id: Number(r.id), queue: r.queue, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts }));
}

export async function completeJob(db: Db, job: TJob): Promise<void> {
  await db.execute(sql`update jobs set status = 'done', lease_until = null, last_error = null, finished_at = now() where id = ${job.id}`);
}

/**
 * Seconds to wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed: 30 s doubling
 * (30 s, 1 min, 2 min, 4 min …) up to 6 h, with ±20 % jitter so that retries of many jobs spread out.
 */
export function backoffSeconds(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30 * 2 ** Math.max(0, attempt - 1), 6 * 60 * 60);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Records a failed attempt: queued again after the backoff, or `failed` for good after the last attempt. */
export async function failJob(db: Db, job: TJob, error: string): Promise<"retry" | "failed"> {
  const message = error.slice(0, 1000);
  if (job.attempts >= job.maxAttempts) {
    await db.execute(sql`update jobs set status = 'failed', lease_until = null, last_error = ${message}, finished_at = now() where id = ${job.id}`);
    return "failed";
  }
  const delay = backoffSeconds(job.attempts);
  await db.execute(sql`
    update jobs set status = 'queued', lease_until = null, last_error = ${message}, run_at = now() + make_interval(secs => ${delay})
    where id = ${job.id}`);
  return "retry";
}
