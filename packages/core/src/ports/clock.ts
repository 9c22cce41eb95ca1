/** The time source of a job; tests and the demo pass a fixed or simulated clock. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that always answers the given instant.
 *
 * @example
 * ```ts
 * const clock = fixedClock(new Date('2024-05-01T13:00:00Z'));
 * ```
 */
export const fixedClock = (at: Date): Clock => ({ now: () => new Date(at.getTime()) });
