import { fixedClock, type Log, type MetricDatum, silentLog, type VigilEvent } from '@vigil/core';

/**
 * The ports of a monitor run that keep what it published: metrics, events, and the messages it
 * logged as errors; the clock stands at `now`.
 */
export function recordingPorts(now: Date) {
  const metrics: MetricDatum[] = [];
  const events: VigilEvent[] = [];
  const errors: string[] = [];
  const log: Log = { ...silentLog, error: (message: string) => void errors.push(message) };
  const ports = {
    metrics: { publish: async (m: readonly MetricDatum[]) => void metrics.push(...m) },
    events: { publish: async (e: readonly VigilEvent[]) => void events.push(...e) },
    clock: fixedClock(now),
    log,
  };
  return { ports, metrics, events, errors };
}
