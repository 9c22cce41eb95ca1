import { type Clock, type Log, type ObjectStore, silentLog, systemClock } from '@vigil/core';
import type { BusEvent } from './bus-event.ts';
import { CaptureWatcher } from './capture-watcher.ts';
import type { EventPattern } from './event-pattern.ts';
import type { LocalEventBus } from './local-event-bus.ts';
import { Repeater } from './repeater.ts';
import { scheduledTimes } from './schedule-times.ts';

/** A handler on the local bus: an EventBridge rule and its target function. */
export interface LoopSubscription {
  name: string;
  pattern: EventPattern | Readonly<Record<string, unknown>>;
  handler: (event: BusEvent) => Promise<unknown> | unknown;
}

/** A scheduled handler: an EventBridge Scheduler schedule and its target function. */
export interface LoopSchedule {
  name: string;
  /** `rate(...)` or `cron(...)`, as in the configuration. */
  schedule: string;
  /** The input the function gets, e.g. `{ endpoint }`; the loop adds `scheduledTime`. */
  event: Readonly<Record<string, unknown>>;
  handler: (input: Record<string, unknown>) => Promise<unknown> | unknown;
}

/** Options of {@link LocalLoop}. */
export interface LocalLoopOptions {
  /** The home store (Vigil's bucket in local mode). */
  store: ObjectStore;
  bus: LocalEventBus;
  /** Capture prefixes whose new files raise S3 "Object Created" events. */
  capturePrefixes: readonly string[];
  subscriptions: readonly LoopSubscription[];
  schedules: readonly LoopSchedule[];
  /** How often `start()` runs a round; default 1 000 ms. */
  intervalMs?: number;
  /**
   * Runs at the end of every round, e.g. to evaluate the guardrail alarms against the local
   * metrics store and put their state changes on the bus.
   */
  afterRound?: (now: Date) => Promise<unknown> | unknown;
  clock?: Clock;
  log?: Log;
}

/**
 * The whole of Vigil on a laptop, as `vigil dev` runs it: new capture files in the home raise S3
 * "Object Created" events on the local bus, the bus delivers every event to the handlers whose
 * rule pattern matches, and the clock runs the scheduled handlers when their schedule fires. The
 * handlers are the Lambda handlers themselves; a failing one is logged and counted, and the loop
 * goes on, as EventBridge would (with the event in the bus's dead-letter file).
 *
 * @example
 * ```ts
 * const loop = new LocalLoop({ store: home, bus, capturePrefixes: ['capture/'], subscriptions, schedules });
 * loop.start();
 * process.on('SIGINT', () => loop.stop());
 * ```
 */
export class LocalLoop {
  /** Scheduled runs that threw since the loop was created. */
  failedRuns = 0;
  private readonly options: Required<Omit<LocalLoopOptions, 'afterRound'>> &
    Pick<LocalLoopOptions, 'afterRound'>;
  private readonly watcher: CaptureWatcher;
  private lastTick: Date;
  private readonly repeater: Repeater;

  constructor(options: LocalLoopOptions) {
    this.options = { intervalMs: 1000, clock: systemClock, log: silentLog, ...options };
    for (const subscription of options.subscriptions) {
      options.bus.subscribe(subscription.name, subscription.pattern, subscription.handler);
    }
    this.watcher = new CaptureWatcher({
      store: options.store,
      prefixes: options.capturePrefixes,
      onEvent: (event) => options.bus.put([event]),
      clock: this.options.clock,
      log: this.options.log,
    });
    this.lastTick = this.options.clock.now();
    this.repeater = new Repeater(
      () => this.round(),
      this.options.intervalMs,
      (error) => this.options.log.error('Local loop round failed', { error: error.message }),
    );
  }

  /** Announces the capture files that arrived and settled since the last scan. */
  async scanCapture(): Promise<number> {
    return (await this.watcher.poll()).length;
  }

  /**
   * Runs every schedule that fired in (last run, `now`], oldest first, with `scheduledTime` set to
   * the time it fired. Returns the number of runs.
   */
  async runDueSchedules(now: Date = this.options.clock.now()): Promise<number> {
    const due = this.options.schedules
      .flatMap((schedule) =>
        scheduledTimes(schedule.schedule, this.lastTick, now).map((at) => ({ schedule, at })),
      )
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    this.lastTick = now;
    for (const { schedule, at } of due) {
      try {
        await schedule.handler({ ...schedule.event, scheduledTime: at.toISOString() });
      } catch (error) {
        this.failedRuns += 1;
        this.options.log.error('Scheduled run failed', {
          schedule: schedule.name,
          scheduledTime: at.toISOString(),
          error: (error as Error).message,
        });
      }
    }
    return due.length;
  }

  /**
   * One round at `now`: announce new capture files (their handlers run), run the schedules that
   * fired, then `afterRound`. The demo calls it with a simulated clock, hour after hour.
   */
  async round(now: Date = this.options.clock.now()): Promise<void> {
    await this.scanCapture();
    await this.runDueSchedules(now);
    await this.options.afterRound?.(now);
  }

  /** Runs a round every `intervalMs` until `stop()`; rounds never overlap. */
  start(): void {
    this.repeater.start();
  }

  /** Stops and waits for the round in progress. */
  async stop(): Promise<void> {
    await this.repeater.stop();
  }
}
