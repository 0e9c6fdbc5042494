import type { Redis } from 'ioredis';
import type { DraftViewers, PresenceStore, Viewer } from '../../ports.js';

// One sorted set of every entry (`<draftId>:<reviewerId>`, scored by when it expires) and one hash per draft
// (reviewer id to the viewer as JSON). Each script is atomic, so a change is answered to exactly one caller.
const VIEWERS = `
local function viewers(zset, hash, draftId, now)
  local all = redis.call('HGETALL', hash)
  local out = {}
  for i = 1, #all, 2 do
    local score = redis.call('ZSCORE', zset, draftId .. ':' .. all[i])
    if score and tonumber(score) > tonumber(now) then table.insert(out, all[i + 1]) end
  end
  return out
end
`;

// KEYS: entries, draft hash. ARGV: draftId, reviewerId, viewer JSON, expiresAt, now, hash lifetime (ms).
const TOUCH = `${VIEWERS}
local member = ARGV[1] .. ':' .. ARGV[2]
local old = redis.call('HGET', KEYS[2], ARGV[2])
local score = redis.call('ZSCORE', KEYS[1], member)
redis.call('ZADD', KEYS[1], ARGV[4], member)
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
if old == ARGV[3] and score and tonumber(score) > tonumber(ARGV[5]) then return false end
return viewers(KEYS[1], KEYS[2], ARGV[1], ARGV[5])`;

// KEYS: entries, draft hash. ARGV: draftId, reviewerId, now.
const LEAVE = `${VIEWERS}
local removed = redis.call('ZREM', KEYS[1], ARGV[1] .. ':' .. ARGV[2])
redis.call('HDEL', KEYS[2], ARGV[2])
if removed == 0 then return false end
return viewers(KEYS[1], KEYS[2], ARGV[1], ARGV[3])`;

// KEYS: entries. ARGV: draft hash prefix, now. Answers draftId, viewers, draftId, viewers, ...
const SWEEP = `${VIEWERS}
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, 1000)
local seen, order = {}, {}
for _, member in ipairs(expired) do
  redis.call('ZREM', KEYS[1], member)
  local sep = string.find(member, ':', 1, true)
  local draftId = string.sub(member, 1, sep - 1)
  redis.call('HDEL', ARGV[1] .. draftId, string.sub(member, sep + 1))
  if not seen[draftId] then
    seen[draftId] = true
    table.insert(order, draftId)
  end
end
local out = {}
for _, draftId in ipairs(order) do
  table.insert(out, draftId)
  table.insert(out, viewers(KEYS[1], ARGV[1] .. draftId, draftId, ARGV[2]))
end
return out`;

// KEYS: entries. ARGV: draft hash prefix, now. Answers draftId, viewer JSON, draftId, viewer JSON, ...
const LIST = `
local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[2], '+inf')
local out = {}
for _, member in ipairs(live) do
  local sep = string.find(member, ':', 1, true)
  local draftId = string.sub(member, 1, sep - 1)
  local viewer = redis.call('HGET', ARGV[1] .. draftId, string.sub(member, sep + 1))
  if viewer then
    table.insert(out, draftId)
    table.insert(out, viewer)
  end
end
return out`;

const parse = (json: string) => JSON.parse(json) as Viewer;

/** Services mode: shared by every API process through Redis. */
export class RedisPresence implements PresenceStore {
  private readonly entries: string;
  private readonly draftPrefix: string;

  constructor(
    private readonly redis: Redis,
    prefix = 'cs',
  ) {
    this.entries = `${prefix}:presence`;
    this.draftPrefix = `${prefix}:presence:draft:`;
  }

  async touch(draftId: string, viewer: Viewer, ttlMs: number): Promise<Viewer[] | null> {
    const now = Date.now();
    const json = JSON.stringify({
      reviewerId: viewer.reviewerId,
      displayName: viewer.displayName,
      editing: viewer.editing,
    });
    const args = [draftId, viewer.reviewerId, json, now + ttlMs, now, 2 * ttlMs];
    const viewers = (await this.redis.eval(TOUCH, 2, this.entries, this.draftPrefix + draftId, ...args)) as
      | string[]
      | null;
    return viewers ? viewers.map(parse) : null;
  }

  async leave(draftId: string, reviewerId: string): Promise<Viewer[] | null> {
    const args = [draftId, reviewerId, Date.now()];
    const viewers = (await this.redis.eval(LEAVE, 2, this.entries, this.draftPrefix + draftId, ...args)) as
      | string[]
      | null;
    return viewers ? viewers.map(parse) : null;
  }

  async sweep(): Promise<DraftViewers[]> {
    const flat = (await this.redis.eval(SWEEP, 1, this.entries, this.draftPrefix, Date.now())) as Array<
      string | string[]
    >;
    const changed: DraftViewers[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      changed.push({ draftId: flat[i] as string, viewers: (flat[i + 1] as string[]).map(parse) });
    }
    return changed;
  }

  async list(): Promise<DraftViewers[]> {
    const flat = (await this.redis.eval(LIST, 1, this.entries, this.draftPrefix, Date.now())) as string[];
    const byDraft = new Map<string, Viewer[]>();
    for (let i = 0; i < flat.length; i += 2) {
      const draftId = flat[i]!;
      byDraft.set(draftId, [...(byDraft.get(draftId) ?? []), parse(flat[i + 1]!)]);
    }
    return [...byDraft].map(([draftId, viewers]) => ({ draftId, viewers }));
  }
}
