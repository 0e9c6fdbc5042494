import type { Redis } from 'ioredis';
import type { JobQueue, QueueCount, QueuedJob, ScheduledJob } from '../../ports.js';

// Each queue is a sorted set scored by the time a job becomes visible, plus one hash per job.
const CLAIM = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local claimed = {}
for i, key in ipairs(due) do
  redis.call('ZADD', KEYS[1], ARGV[2], key)
  local h = KEYS[2] .. key
  local attempts = redis.call('HINCRBY', h, 'attempts', 1)
  claimed[i] = { key, redis.call('HGET', h, 'payload'), redis.call('HGET', h, 'version'), attempts }
end
return claimed`;

// KEYS[1] the queue, KEYS[1 + i] job i's hash; ARGV holds each job's time, key and payload in turn.
const SCHEDULE = `
for i = 2, #KEYS do
  local a = (i - 2) * 3
  redis.call('ZADD', KEYS[1], ARGV[a + 1], ARGV[a + 2])
  redis.call('HSET', KEYS[i], 'payload', ARGV[a + 3])
  redis.call('HSETNX', KEYS[i], 'attempts', 0)
  redis.call('HINCRBY', KEYS[i], 'version', 1)
end
return #KEYS - 1`;

const ENQUEUE = `
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], 'payload', ARGV[3], 'version', 0, 'attempts', 0)
return 1`;

const ACK = `
if redis.call('HGET', KEYS[2], 'version') ~= ARGV[2] then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return 1`;

const EXTEND = `
if redis.call('HGET', KEYS[2], 'version') ~= ARGV[3] then return 0 end
redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[1])
return 1`;

const RETRY = `
if redis.call('HGET', KEYS[2], 'version') ~= ARGV[3] then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], 'lastError', ARGV[4])
return 1`;

export class RedisJobQueue implements JobQueue {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'cs',
  ) {}

  private zkey(queue: string) {
    return `${this.prefix}:q:${queue}`;
  }
  private hprefix(queue: string) {
    return `${this.prefix}:job:${queue}:`;
  }

  async enqueue(queue: string, key: string, payload: unknown, runAt = new Date()): Promise<boolean> {
    const added = await this.redis.eval(
      ENQUEUE,
      2,
      this.zkey(queue),
      this.hprefix(queue) + key,
      runAt.getTime(),
      key,
      JSON.stringify(payload),
    );
    return added === 1;
  }

  schedule(queue: string, key: string, payload: unknown, runAt: Date): Promise<void> {
    return this.scheduleMany(queue, [{ key, payload, runAt }]);
  }

  async scheduleMany(queue: string, jobs: readonly ScheduledJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const hprefix = this.hprefix(queue);
    const keys = [this.zkey(queue), ...jobs.map((j) => hprefix + j.key)];
    const args = jobs.flatMap((j) => [j.runAt.getTime(), j.key, JSON.stringify(j.payload)]);
    await this.redis.eval(SCHEDULE, keys.length, ...keys, ...args);
  }

  async claim<P>(queue: string, leaseMs: number): Promise<QueuedJob<P> | null> {
    const [job] = await this.claimMany<P>(queue, leaseMs, 1);
    return job ?? null;
  }

  async claimMany<P>(queue: string, leaseMs: number, max: number): Promise<QueuedJob<P>[]> {
    const now = Date.now();
    const rows = (await this.redis.eval(
      CLAIM,
      2,
      this.zkey(queue),
      this.hprefix(queue),
      now,
      now + leaseMs,
      Math.max(1, Math.floor(max)),
    )) as Array<[string, string | null, string | null, number]>;
    return rows.map(([key, payload, version, attempts]) => ({
      key,
      payload: JSON.parse(payload ?? 'null') as P,
      version: Number(version ?? 0),
      attempts: Number(attempts),
    }));
  }

  async extend(queue: string, job: QueuedJob, leaseMs: number): Promise<boolean> {
    const extended = await this.redis.eval(
      EXTEND,
      2,
      this.zkey(queue),
      this.hprefix(queue) + job.key,
      job.key,
      Date.now() + leaseMs,
      String(job.version),
    );
    return extended === 1;
  }

  async ack(queue: string, job: QueuedJob): Promise<void> {
    await this.redis.eval(ACK, 2, this.zkey(queue), this.hprefix(queue) + job.key, job.key, String(job.version));
  }

  async retry(queue: string, job: QueuedJob, runAt: Date, error: string): Promise<void> {
    await this.redis.eval(
      RETRY,
      2,
      this.zkey(queue),
      this.hprefix(queue) + job.key,
      job.key,
      runAt.getTime(),
      String(job.version),
      error,
    );
  }

  async remove(queue: string, key: string): Promise<void> {
    await this.redis
      .multi()
      .zrem(this.zkey(queue), key)
      .del(this.hprefix(queue) + key)
      .exec();
  }

  async size(queue: string): Promise<number> {
    return this.redis.zcard(this.zkey(queue));
  }

  async counts(queues: readonly string[], now: Date): Promise<QueueCount[]> {
    const pipeline = this.redis.pipeline();
    for (const queue of queues) pipeline.zcard(this.zkey(queue)).zcount(this.zkey(queue), '-inf', now.getTime());
    const replies = (await pipeline.exec()) ?? [];
    for (const [error] of replies) if (error) throw error;
    return queues.map((_, i) => ({ total: Number(replies[2 * i]![1]), due: Number(replies[2 * i + 1]![1]) }));
  }

  async close(): Promise<void> {}
}
