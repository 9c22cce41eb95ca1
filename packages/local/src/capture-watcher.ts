import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type Clock, type Log, type ObjectInfo, type ObjectStore, silentLog, systemClock } from '@vigil/core';
import { type BusEvent, LOCAL_ACCOUNT, LOCAL_BUCKET, LOCAL_REGION } from './bus-event.ts';
import { isoSeconds } from './local-event-bus.ts';
import { Repeater } from './repeater.ts';

/** The detail of S3's "Object Created" event, field for field as S3 sends it through EventBridge. */
export interface ObjectCreatedDetail {
  version: '0';
  bucket: { name: string };
  object: { key: string; size: number; etag: string; 'version-id': string; sequencer: string };
  'request-id': string;
  requester: string;
  'source-ip-address': string;
  reason: 'PutObject';
}

/** Options of {@link CaptureWatcher}. */
export interface CaptureWatcherOptions {
  /** The home store (`.vigil`), whose keys are the keys of Vigil's bucket. */
  store: ObjectStore;
  /** Key prefixes to watch, e.g. `capture/churn-prod/`. */
  prefixes: readonly string[];
  /** Receives one event per new or rewritten capture file. */
  onEvent: (event: BusEvent<ObjectCreatedDetail>) => Promise<unknown> | unknown;
  /** The bucket name written into events; default `vigil-local`. */
  bucket?: string;
  /** Only keys with this ending are capture files; default `.jsonl`. */
  suffix?: string;
  /** Time between scans in `start()`; default 1 000 ms. */
  intervalMs?: number;
  /** Announce files that exist before the first scan too; default false. */
  includeExisting?: boolean;
  clock?: Clock;
  log?: Log;
}

/**
 * Watches capture folders of the local home for new `.jsonl` files and synthesizes the S3
 * "Object Created" EventBridge event AWS would send, so `vigil dev` runs profile-capture exactly as
 * the Lambda runs. It polls (fs.watch misses events on network and container mounts), and
 * announces a file once its size and time stayed the same over two scans, so a file still being
 * copied is not profiled half-written.
 *
 * @example
 * ```ts
 * const watcher = new CaptureWatcher({ store: home, prefixes: ['capture/churn-prod/'], onEvent: (e) => bus.put([e]) });
 * watcher.start();
 * // ... later
 * await watcher.stop();
 * ```
 */
export class CaptureWatcher {
  private readonly options: Required<Omit<CaptureWatcherOptions, 'includeExisting'>> & {
    includeExisting: boolean;
  };
  /** Per key: the version last announced, and the version seen on the last scan. */
  private readonly announced = new Map<string, string>();
  private readonly pending = new Map<string, string>();
  private firstScan = true;
  private readonly repeater: Repeater;
  private sequence = 0;

  constructor(options: CaptureWatcherOptions) {
    this.options = {
      bucket: LOCAL_BUCKET,
      suffix: '.jsonl',
      intervalMs: 1000,
      includeExisting: false,
      clock: systemClock,
      log: silentLog,
      ...options,
    };
    this.repeater = new Repeater(
      () => this.poll(),
      this.options.intervalMs,
      (error) => this.options.log.error('Capture scan failed', { error: error.message }),
    );
  }

  /**
   * Scans once and delivers the events of files that are new or changed and have settled; returns
   * them. A failing `onEvent` is logged and retried on the next scan.
   */
  async poll(): Promise<BusEvent<ObjectCreatedDetail>[]> {
    const seen = new Map<string, ObjectInfo>();
    for (const prefix of this.options.prefixes) {
      for await (const info of this.options.store.list(prefix)) {
        if (info.key.endsWith(this.options.suffix)) seen.set(info.key, info);
      }
    }
    const ready: ObjectInfo[] = [];
    for (const [key, info] of seen) {
      const version = `${info.size}:${info.lastModified?.getTime() ?? 0}`;
      if (this.firstScan && !this.options.includeExisting) {
        this.announced.set(key, version);
        continue;
      }
      if (this.announced.get(key) === version) continue;
      if (this.pending.get(key) === version) ready.push(info);
      else this.pending.set(key, version);
    }
    this.firstScan = false;
    const delivered: BusEvent<ObjectCreatedDetail>[] = [];
    for (const info of ready) {
      const event = await this.eventFor(info);
      try {
        await this.options.onEvent(event);
      } catch (error) {
        this.options.log.error('Capture file event not handled; retrying on the next scan', {
          key: info.key,
          error: (error as Error).message,
        });
        continue;
      }
      const version = `${info.size}:${info.lastModified?.getTime() ?? 0}`;
      this.announced.set(info.key, version);
      this.pending.delete(info.key);
      delivered.push(event);
    }
    return delivered;
  }

  /** Scans every `intervalMs` until `stop()`; scans never overlap. */
  start(): void {
    this.repeater.start();
  }

  /** Stops and waits for the scan in progress. */
  async stop(): Promise<void> {
    await this.repeater.stop();
  }

  private async eventFor(info: ObjectInfo): Promise<BusEvent<ObjectCreatedDetail>> {
    // S3's ETag of a single-part upload is the MD5 of the content.
    const etag = createHash('md5')
      .update(await this.options.store.get(info.key))
      .digest('hex');
    this.sequence += 1;
    const at = info.lastModified ?? this.options.clock.now();
    return objectCreatedEvent({
      bucket: this.options.bucket,
      key: info.key,
      size: info.size,
      etag,
      sequencer: (at.getTime() * 1000 + (this.sequence % 1000)).toString(16).toUpperCase().padStart(16, '0'),
      time: this.options.clock.now(),
    });
  }
}

/**
 * An S3 "Object Created" EventBridge event with every field S3 sends, in S3's order.
 *
 * @example
 * ```ts
 * objectCreatedEvent({ bucket: 'vigil-local', key: 'capture/ep/AllTraffic/2024/05/01/13/a.jsonl', size: 10,
 *   etag: 'b1946ac92492d2347c6235b4d2611184', sequencer: '617F08299329D189', time: new Date() });
 * ```
 */
export function objectCreatedEvent(object: {
  bucket: string;
  key: string;
  size: number;
  etag: string;
  sequencer: string;
  time: Date;
}): BusEvent<ObjectCreatedDetail> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: LOCAL_ACCOUNT,
    time: isoSeconds(object.time),
    region: LOCAL_REGION,
    resources: [`arn:aws:s3:::${object.bucket}`],
    detail: {
      version: '0',
      bucket: { name: object.bucket },
      object: {
        key: object.key,
        size: object.size,
        etag: object.etag,
        'version-id': randomBytes(24).toString('base64url'),
        sequencer: object.sequencer,
      },
      'request-id': randomBytes(8).toString('hex').toUpperCase(),
      requester: LOCAL_ACCOUNT,
      'source-ip-address': '127.0.0.1',
      reason: 'PutObject',
    },
  };
}
