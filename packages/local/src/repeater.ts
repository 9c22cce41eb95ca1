/**
 * Runs an async task now and then every `intervalMs` after the previous run ends, so runs never
 * overlap; a failed run is reported and the next one still comes.
 *
 * @example
 * ```ts
 * const repeater = new Repeater(() => watcher.poll(), 1000, (error) => log.error('Scan failed', { error: error.message }));
 * repeater.start();
 * await repeater.stop();
 * ```
 */
export class Repeater {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Starts the runs; a second call while started does nothing. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running = this.task()
        .catch((error: unknown) => this.onError(error as Error))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops the runs and waits for the one in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
