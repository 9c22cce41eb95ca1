import { MONITOR_SPECS, type MonitorSpecEntry } from '@vigil/core';
import type { LocalHandler } from '../../../../infra/wiring.ts';

/** The function names of the monitor table. */
type MonitorFunctionName = MonitorSpecEntry['function']['name'];

/**
 * The Lambda handler of every monitor of the monitor table, by function name: the module
 * `@vigil/functions/<name>` is loaded on the monitor's first run, so a new monitor needs no line here.
 *
 * @example
 * ```ts
 * const handlers = { ...monitorHandlers(), 'profile-capture': profileCapture };
 * ```
 */
export function monitorHandlers(): Record<MonitorFunctionName, LocalHandler> {
  return Object.fromEntries(
    MONITOR_SPECS.map(({ function: { name } }) => [
      name,
      async (event: unknown) => {
        const module = (await import(`@vigil/functions/${name}`)) as { handler: LocalHandler };
        return module.handler(event);
      },
    ]),
  ) as Record<MonitorFunctionName, LocalHandler>;
}
