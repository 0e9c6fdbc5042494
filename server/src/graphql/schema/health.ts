import type { ComponentHealth, HealthReport } from '../../health.js';
import { builder } from '../builder.js';

const HealthState = builder.enumType('HealthState', {
  description: 'How well the server or one of its components works.',
  values: {
    ok: { description: 'Working.' },
    degraded: { description: 'Working with a problem, or (for the whole server) some components are not ok.' },
    down: { description: 'Not reachable, or (for the whole server) every component is down.' },
  } as const,
});

const Component = builder.objectRef<ComponentHealth>('ComponentHealth').implement({
  description: 'One part of the server (a database, Redis, intake, Telegram, the job queue) and its state.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The component, such as analytics, intake, telegram or jobs.' }),
    state: t.expose('state', { type: HealthState, description: 'Its state when probed for this request.' }),
    detail: t.string({
      nullable: true,
      description: 'For signed-in admins only (null otherwise): what the component reports, error texts included.',
      resolve: (component, _args, ctx) => (ctx.reviewer?.role === 'ADMIN' ? component.detail : null),
    }),
  }),
});

const Health = builder.objectRef<HealthReport>('Health').implement({
  description: 'The state of the server and each of its components, probed for this request.',
  fields: (t) => ({
    state: t.expose('state', {
      type: HealthState,
      description: 'ok when every component is ok, down when every component is down, degraded otherwise.',
    }),
    mode: t.exposeString('mode', {
      description:
        'How the server runs: "embedded" (in-process databases and adapters) or "services" (PostgreSQL and Redis from DATABASE_URL, RAPPORT_DATABASE_URL and REDIS_URL).',
    }),
    components: t.expose('components', {
      type: [Component],
      description: 'Each component probed, with its own state.',
    }),
  }),
});

builder.queryField('health', (t) =>
  t.field({
    type: Health,
    skipTypeScopes: true,
    description: 'Public: the overall state and the state of each component; details for admins only.',
    resolve: (_root, _args, ctx) => ctx.health(),
  }),
);
