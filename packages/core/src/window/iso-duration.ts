import { ConfigError } from '../errors/vigil-error.ts';

const DURATION = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * Milliseconds of an ISO-8601 duration as SageMaker's offsets use them (`-PT1H`, `-P1D`, `PT0H`).
 *
 * @example
 * ```ts
 * durationMs('-PT1H'); // -3600000
 * ```
 */
export function durationMs(duration: string): number {
  const m = DURATION.exec(duration);
  if (!m || duration === 'P' || duration === '-P') {
    throw new ConfigError(`"${duration}" is not an ISO-8601 duration: use a form such as -PT1H or -P1D`);
  }
  const [, sign, d = '0', h = '0', min = '0', s = '0'] = m;
  const ms = ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000;
  return sign ? -ms : ms;
}
