import { describe, expect, it } from 'vitest';
import { createReviewer } from '../../src/auth/auth.js';
import { HealthDetailQuery } from '../support/documents.js';
import { type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

describe.each(modes)('who sees the health details (%s mode)', (mode) => {
  const app = useApp(mode);

  it('gives states to everyone and component details only to signed-in admins', async () => {
    const { t } = app;
    for (const role of ['REVIEWER', 'VIEWER'] as const) {
      await createReviewer(t.app.core.analytics, {
        email: `${role.toLowerCase()}@example.com`,
        password: 'long-password',
        displayName: role,
        role,
      });
    }
    const asAdmin = (await app.admin.execute(HealthDetailQuery)).data!.health;
    expect(asAdmin.components.length).toBeGreaterThan(3);
    for (const c of asAdmin.components) expect(typeof c.detail, c.name).toBe('string');

    const others = {
      anonymous: t.anonymous,
      'a forged token': t.as('forged-token'),
      REVIEWER: t.as(await t.login('reviewer@example.com', 'long-password')),
      VIEWER: t.as(await t.login('viewer@example.com', 'long-password')),
    };
    for (const [who, client] of Object.entries(others)) {
      const result = await client.execute(HealthDetailQuery);
      expect(result.errors, who).toBeUndefined();
      const health = result.data!.health;
      expect(health.state, who).toBe(asAdmin.state);
      expect(
        health.components.map((c) => [c.name, c.state]),
        who,
      ).toEqual(asAdmin.components.map((c) => [c.name, c.state]));
      for (const c of health.components) expect(c.detail, `${who}: ${c.name}`).toBeNull();
    }
  });

  it('answers GET /health with the liveness state, and nothing about components', async () => {
    const res = await fetch(new URL('/health', app.t.endpoint.url));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', mode });
    expect(Object.keys(body).sort()).toEqual(['mode', 'pid', 'status']);
  });
});
