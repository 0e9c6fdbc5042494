import type { AnalyticsClient } from '../../db.js';
import type { JobQueue, QueueCount, QueuedJob, ScheduledJob } from '../../ports.js';

/** Jobs in the analytics database: durable in embedded mode with no other service. */
export class DatabaseJobQueue implements JobQueue {
  constructor(private readonly db: AnalyticsClient) {}

  async enqueue(queue: string, key: string, payload: unknown, runAt = new Date()): Promise<boolean> {
    const rows = await this.db.$executeRaw`
      INSERT INTO "Job" ("key", "queue", "payload", "runAt") VALUES (${key}, ${queue}, ${JSON.stringify(payload)}::jsonb, ${runAt})
      ON CONFLICT ("key") DO NOTHING`;
    return rows > 0;
  }

  schedule(queue: string, key: string, payload: unknown, runAt: Date): Promise<void> {
    return this.scheduleMany(queue, [{ key, payload, runAt }]);
  }

  async scheduleMany(queue: string, jobs: readonly ScheduledJob[]): Promise<void> {
    // One statement may not update a row twice: of two jobs with one key, the later stands.
    const last = [...new Map(jobs.map((j) => [j.key, j])).values()];
    if (last.length === 0) return;
    await this.db.$executeRaw`
      INSERT INTO "Job" ("key", "queue", "payload", "runAt")
      SELECT j.key, ${queue}, j.payload::jsonb, j."runAt"
      FROM unnest(${last.map((j) => j.key)}::text[], ${last.map((j) => JSON.stringify(j.payload))}::text[],
                  ${last.map((j) => j.runAt.toISOString())}::timestamp(3)[]) AS j(key, payload, "runAt")
      ON CONFLICT ("key") DO UPDATE SET "runAt" = EXCLUDED."runAt", "payload" = EXCLUDED."payload", "version" = "Job"."version" + 1`;
  }

  async claim<P>(queue: string, leaseMs: number): Promise<QueuedJob<P> | null> {
    const [job] = await this.claimMany<P>(queue, leaseMs, 1);
    return job ?? null;
  }

  async claimMany<P>(queue: string, leaseMs: number, max: number): Promise<QueuedJob<P>[]> {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const rows = await this.db.$queryRaw<
      Array<{ key: string; payload: P; version: number; attempts: number; due: Date }>
    >`
      WITH due AS (
        SELECT "key", "runAt" FROM "Job" WHERE "queue" = ${queue} AND "runAt" <= ${now}
        ORDER BY "runAt" LIMIT ${Math.max(1, Math.floor(max))} FOR UPDATE SKIP LOCKED)
      UPDATE "Job" j SET "runAt" = ${leaseUntil}, "attempts" = j."attempts" + 1
      FROM due WHERE j."key" = due."key"
      RETURNING j."key", j."payload", j."version", j."attempts", due."runAt" AS due`;
    return rows
      .sort((a, b) => a.due.getTime() - b.due.getTime())
      .map(({ key, payload, version, attempts }) => ({ key, payload, version, attempts }));
  }

  async extend(_queue: string, job: QueuedJob, leaseMs: number): Promise<boolean> {
    const { count } = await this.db.job.updateMany({
      where: { key: job.key, version: job.version },
      data: { runAt: new Date(Date.now() + leaseMs) },
    });
    return count === 1;
  }

  async ack(_queue: string, job: QueuedJob): Promise<void> {
    await this.db.job.deleteMany({ where: { key: job.key, version: job.version } });
  }

  async retry(_queue: string, job: QueuedJob, runAt: Date, error: string): Promise<void> {
    await this.db.job.updateMany({ where: { key: job.key, version: job.version }, data: { runAt, lastError: error } });
  }

  async remove(_queue: string, key: string): Promise<void> {
    await this.db.job.deleteMany({ where: { key } });
  }

  async size(queue: string): Promise<number> {
    return this.db.job.count({ where: { queue } });
  }

  async counts(queues: readonly string[], now: Date): Promise<QueueCount[]> {
    const rows = await this.db.$queryRaw<Array<{ queue: string; total: number; due: number }>>`
      SELECT "queue", count(*)::int AS "total", (count(*) FILTER (WHERE "runAt" <= ${now}))::int AS "due"
      FROM "Job" GROUP BY "queue"`;
    const byQueue = new Map(rows.map((r) => [r.queue, r]));
    return queues.map((q) => ({ total: byQueue.get(q)?.total ?? 0, due: byQueue.get(q)?.due ?? 0 }));
  }

  async close(): Promise<void> {}
}
