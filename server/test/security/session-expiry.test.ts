import { describe, expect, it } from 'vitest';
import { sweepExpiredSessions } from '../../src/auth/auth.js';
import { tokenHash } from '../../src/auth/sessions.js';
import { graphql } from '../gql/index.js';
import { DraftQueuedSubscription } from '../support/documents.js';
import { type Mode, type TestApp, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const WhoAmIQuery = graphql(`
  query WhoAmI {
    me {
      email
    }
  }
`);

const TeamQuery = graphql(`
  query Team {
    reviewers {
      email
    }
  }
`);

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function session(t: TestApp, token: string) {
  return t.app.core.analytics.session.findUnique({ where: { tokenHash: tokenHash(token) } });
}

/** Moves a session's times into the past, as time passing would; the process's cached copy is told. */
async function move(t: TestApp, token: string, data: { createdAt?: Date; lastSeenAt?: Date; expiresAt?: Date }) {
  await t.app.core.analytics.session.update({ where: { tokenHash: tokenHash(token) }, data });
  t.app.core.sessions.forget({ tokenHash: tokenHash(token) });
}

async function signedInAs(t: TestApp, token: string): Promise<string | null> {
  return (await t.as(token).execute(WhoAmIQuery)).data?.me?.email ?? null;
}

describe.each(modes)('sessions (%s mode)', (mode) => {
  const app = useApp(mode);

  it('a copy of the Session table holds no usable token', async () => {
    const token = await app.t.login();
    const rows = await app.t.app.core.analytics.session.findMany();
    expect(JSON.stringify(rows)).not.toContain(token);
    for (const row of rows) {
      expect(await signedInAs(app.t, row.tokenHash)).toBeNull();
      const team = await app.t.as(row.tokenHash).execute(TeamQuery);
      expect(team.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const sub = app.t.as(row.tokenHash).subscribe(DraftQueuedSubscription);
      await expect(sub.until(() => true, 3000)).rejects.toThrow(/subscription error/);
    }
    expect(await signedInAs(app.t, token)).toBe('admin@example.com');
  });

  it('a session idle for longer than SESSION_IDLE_HOURS (12) ends and its row is deleted', async () => {
    const token = await app.t.login();
    await move(app.t, token, { lastSeenAt: new Date(Date.now() - 11 * HOUR) });
    expect(await signedInAs(app.t, token)).toBe('admin@example.com');
    // That request counted as activity: the idle clock starts again.
    expect((await session(app.t, token))!.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await move(app.t, token, { lastSeenAt: new Date(Date.now() - 12 * HOUR - 60_000) });
    expect(await signedInAs(app.t, token)).toBeNull();
    expect(await session(app.t, token)).toBeNull();
  });

  it('a session older than SESSION_MAX_DAYS (14) ends however active it is', async () => {
    const token = await app.t.login();
    await move(app.t, token, { createdAt: new Date(Date.now() - 13 * DAY) });
    expect(await signedInAs(app.t, token)).toBe('admin@example.com');
    await move(app.t, token, { createdAt: new Date(Date.now() - 14 * DAY - 60_000), lastSeenAt: new Date() });
    const team = await app.t.as(token).execute(TeamQuery);
    expect(team.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await session(app.t, token)).toBeNull();

    const other = await app.t.login();
    expect((await session(app.t, other))!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 14 * DAY);
    await move(app.t, other, { expiresAt: new Date(Date.now() - 1000) });
    expect(await signedInAs(app.t, other)).toBeNull();
    expect(await session(app.t, other)).toBeNull();
  });

  it('records activity at most once a minute per session', async () => {
    const token = await app.t.login();
    const started = (await session(app.t, token))!.lastSeenAt;
    for (let i = 0; i < 5; i++) expect(await signedInAs(app.t, token)).toBe('admin@example.com');
    expect((await session(app.t, token))!.lastSeenAt).toEqual(started);
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    await move(app.t, token, { lastSeenAt: twoMinutesAgo });
    await Promise.all(Array.from({ length: 5 }, () => signedInAs(app.t, token)));
    expect((await session(app.t, token))!.lastSeenAt.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });

  it('the sweep deletes expired sessions nobody uses, and keeps the live ones', async () => {
    const [idle, old, expired, live] = [
      await app.t.login(),
      await app.t.login(),
      await app.t.login(),
      await app.t.login(),
    ];
    await move(app.t, idle, { lastSeenAt: new Date(Date.now() - 13 * HOUR) });
    await move(app.t, old, { createdAt: new Date(Date.now() - 15 * DAY) });
    await move(app.t, expired, { expiresAt: new Date(Date.now() - 1000) });
    expect(await sweepExpiredSessions(app.t.app.core)).toBeGreaterThanOrEqual(3);
    for (const token of [idle, old, expired]) expect(await session(app.t, token)).toBeNull();
    expect(await session(app.t, live)).not.toBeNull();
    expect(await signedInAs(app.t, live)).toBe('admin@example.com');
  });
});

describe('short session limits from the configuration (embedded mode)', () => {
  const app = useApp('embedded', { SESSION_IDLE_HOURS: '0.001' });

  it('SESSION_IDLE_HOURS=0.001 ends a session after 3.6 idle seconds', async () => {
    const token = await app.t.login();
    expect(await signedInAs(app.t, token)).toBe('admin@example.com');
    await new Promise((r) => setTimeout(r, 4000));
    expect(await signedInAs(app.t, token)).toBeNull();
    expect(await session(app.t, token)).toBeNull();
  });
});
