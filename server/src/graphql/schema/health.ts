import type { ComponentHealth, HealthReport } from '../../health.js';
import { builder } from '../builder.js';

const HealthState = builder.enumType('HealthState', { values: ['ok', 'degraded', 'down'] as const });

const Component = builder.objectRef<ComponentHealth>('ComponentHealth').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    state: t.expose('state', { type: HealthState }),
    detail: t.exposeString('detail'),
  }),
});

const Health = builder.objectRef<HealthReport>('Health').implement({
  fields: (t) => ({
    state: t.expose('state', { type: HealthState }),
    mode: t.exposeString('mode'),
    components: t.expose('components', { type: [Component] }),
  }),
});

builder.queryField('health', (t) =>
  t.field({
    type: Health,
    skipTypeScopes: true,
    description: 'Public: the state of each component.',
    resolve: (_root, _args, ctx) => ctx.health(),
  }),
);
