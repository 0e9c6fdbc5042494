import type { ComponentHealth, HealthReport } from '../../health.js';
import { builder } from '../builder.js';

const HealthState = builder.enumType('HealthState', { values: ['ok', 'degraded', 'down'] as const });

const Component = builder.objectRef<ComponentHealth>('ComponentHealth').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    state: t.expose('state', { type: HealthState }),
    detail: t.string({
      nullable: true,
      description: 'For signed-in admins only (null otherwise): what the component reports, error texts included.',
      resolve: (component, _args, ctx) => (ctx.reviewer?.role === 'ADMIN' ? component.detail : null),
    }),
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
    description: 'Public: the overall state and the state of each component; details for admins only.',
    resolve: (_root, _args, ctx) => ctx.health(),
  }),
);
