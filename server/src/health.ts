export type ComponentState = 'ok' | 'degraded' | 'down';

export interface ComponentHealth {
  name: string;
  state: ComponentState;
  detail: string;
}

export interface HealthReport {
  state: ComponentState;
  mode: string;
  components: ComponentHealth[];
}

/** A component's detail when it is ok, or `{ degraded }` when it works but something waits. */
export type Probe = () => Promise<string | { degraded: string }>;

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);

/** Runs every probe in parallel; a failing probe marks its component down, never the whole report. */
export async function checkHealth(
  mode: string,
  probes: Record<string, Probe>,
  critical: string[],
): Promise<HealthReport> {
  const components = await Promise.all(
    Object.entries(probes).map(async ([name, probe]): Promise<ComponentHealth> => {
      try {
        const result = await withTimeout(probe(), 2000);
        return typeof result === 'string'
          ? { name, state: 'ok', detail: result }
          : { name, state: 'degraded', detail: result.degraded };
      } catch (error) {
        return {
          name,
          state: 'down',
          detail: error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : 'unavailable',
        };
      }
    }),
  );
  const down = components.filter((c) => c.state !== 'ok');
  const state: ComponentState =
    down.length === 0
      ? 'ok'
      : down.some((c) => critical.includes(c.name)) && down.length === components.length
        ? 'down'
        : 'degraded';
  return { state, mode, components };
}
