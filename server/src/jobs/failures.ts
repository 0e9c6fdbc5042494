import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import { InvalidStateError, NotFoundError } from '../errors.js';
import type { ComponentCheck } from '../health.js';
import { retryDelivery, retryDraft } from '../review/review.js';
import { isId } from '../validate.js';
import { JOB_KINDS, type JobKind, type JobPayloads, jobSubject } from './kinds.js';

/** Records a job that used up its retries; it stays unresolved until it succeeds or is dismissed. */
export async function recordGiveUp<K extends JobKind>(
  core: Core,
  kind: K,
  key: string,
  payload: JobPayloads[K],
  attempts: number,
  reason: string,
): Promise<void> {
  await core.analytics.jobFailure.create({
    data: {
      kind,
      jobKey: key,
      subjectId: jobSubject(kind, payload),
      payload: payload as object,
      attempts,
      lastError: reason.slice(0, 2000),
    },
  });
  core.pubsub.publish('giveUpRecorded', key);
}

/** A job that ran to the end resolves the give-ups recorded for it (a retry by a reviewer, say). */
export async function resolveGiveUps(core: Core, key: string): Promise<void> {
  await core.analytics.jobFailure.updateMany({
    where: { jobKey: key, resolvedAt: null },
    data: { resolvedAt: new Date(), resolution: 'succeeded' },
  });
}

/** Above this many open give-ups the set is not kept: every successful job asks the database. */
const MAX_TRACKED_GIVE_UPS = 10_000;

/**
 * The job keys with an unresolved give-up, known to this process, so a successful job asks the database
 * to resolve its give-ups only when it has one: almost every job has none, and the question was one write
 * per job on the hot path. Loaded from the database on each sweep and told of new give-ups through pub/sub
 * (`giveUpRecorded`) by whichever process records them; until the first load it knows nothing and every
 * success asks.
 */
export class OpenGiveUps {
  private keys: Set<string> | null = null;
  /** Keys announced while a load was reading: the snapshot may have been taken before they were stored. */
  private announcedDuringLoad: Set<string> | null = null;
  private deaf = false;

  /** Whether a success of this job may have a give-up to resolve. */
  mayHave(key: string): boolean {
    return this.keys === null || this.keys.has(key);
  }

  add(key: string): void {
    this.keys?.add(key);
    this.announcedDuringLoad?.add(key);
  }

  /** Not hearing announcements any more: every success asks the database again. */
  forget(): void {
    this.deaf = true;
    this.keys = null;
  }

  resolved(key: string): void {
    this.keys?.delete(key);
  }

  async load(core: Core): Promise<void> {
    const announced = new Set<string>();
    this.announcedDuringLoad = announced;
    try {
      const open = await core.analytics.jobFailure.findMany({
        where: { resolvedAt: null },
        select: { jobKey: true },
        distinct: ['jobKey'],
        take: MAX_TRACKED_GIVE_UPS + 1,
      });
      const tracked = !this.deaf && open.length <= MAX_TRACKED_GIVE_UPS;
      this.keys = tracked ? new Set([...open.map((f) => f.jobKey), ...announced]) : null;
    } finally {
      if (this.announcedDuringLoad === announced) this.announcedDuringLoad = null;
    }
  }
}

async function findFailure(core: Core, id: string) {
  const failure = isId(id) ? await core.analytics.jobFailure.findUnique({ where: { id } }) : null;
  if (!failure) throw new NotFoundError('FailedJob', id);
  return failure;
}

function isKind(kind: string): kind is JobKind {
  return (JOB_KINDS as readonly string[]).includes(kind);
}

/** Runs a failed job again (drafts and deliveries as a reviewer's retry would) and marks it resolved. */
export async function retryFailedJob(core: Core, id: string, reviewerId: string) {
  const failure = await findFailure(core, id);
  if (failure.resolvedAt) throw new InvalidStateError(failure.resolution ?? 'resolved', 'This job is resolved already');
  if (failure.kind === 'draft') await retryDraft(core, failure.subjectId, reviewerId);
  else if (failure.kind === 'deliver') await retryDelivery(core, failure.subjectId, reviewerId);
  else if (isKind(failure.kind)) await core.jobs.restart(failure.kind, failure.payload as never);
  core.log.info({ failedJobId: id, job: failure.jobKey, reviewerId }, 'failed job retried');
  return resolve(core, failure, reviewerId, 'retried');
}

/** An admin has seen the failure and needs nothing more done. */
export async function dismissFailedJob(core: Core, id: string, reviewerId: string) {
  const failure = await findFailure(core, id);
  if (failure.resolvedAt) return failure;
  core.log.info({ failedJobId: id, job: failure.jobKey, reviewerId }, 'failed job dismissed');
  return resolve(core, failure, reviewerId, 'dismissed');
}

/** Marks a give-up resolved by an admin, audited with the job's subject (a draft, or a contact). */
async function resolve(
  core: Core,
  failure: { id: string; kind: string; subjectId: string },
  reviewerId: string,
  resolution: 'retried' | 'dismissed',
) {
  return core.analytics.$transaction(async (tx) => {
    await audit(tx, resolution === 'retried' ? 'job.retry' : 'job.dismiss', {
      actorId: reviewerId,
      subjectId: failure.subjectId,
      detail: { kind: failure.kind, failedJobId: failure.id },
    });
    return tx.jobFailure.update({ where: { id: failure.id }, data: { resolvedAt: new Date(), resolution } });
  });
}

/** The `jobs` health component: degraded while any give-up is unresolved. */
export async function checkJobs(core: Core): Promise<ComponentCheck> {
  const open = await core.analytics.jobFailure.groupBy({
    by: ['kind'],
    where: { resolvedAt: null },
    _count: { _all: true },
  });
  const total = open.reduce((sum, g) => sum + g._count._all, 0);
  if (total === 0) return { state: 'ok', detail: 'no job has failed for good' };
  const kinds = open.map((g) => `${g.kind}: ${g._count._all}`).join(', ');
  return {
    state: 'degraded',
    detail: `${total} ${total === 1 ? 'job' : 'jobs'} failed for good (${kinds}); admins see failedJobs`,
  };
}
