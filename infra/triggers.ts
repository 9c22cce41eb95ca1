import { defaultBus, vigilBus } from './bus';
import { config } from './config';
import { deliveryDlq } from './dead-letters';
import { functions } from './functions';
import { bucket } from './storage';
import { type EventPatternJson, monitorSchedules, subscriptions, variantSchedules } from './wiring';

/** Stands for the bucket's name, which is known only once the bucket exists. */
const VIGIL_BUCKET = '{vigil-bucket}';

const retryPolicy = { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 8 };

/** EventBridge rules: AWS service events on the default bus, Vigil's own events on its bus. */
export const rules = subscriptions(config, VIGIL_BUCKET).map((subscription) => {
  const bus = subscription.bus === 'default' ? defaultBus : vigilBus;
  return bus.subscribe(subscription.name, functions[subscription.function], {
    pattern: bucket.name.apply((name) => toSstPattern(withBucket(subscription.pattern, name))),
    transform: { target: { deadLetterConfig: { arn: deliveryDlq.arn }, retryPolicy } },
  });
});

/**
 * EventBridge Scheduler schedules: each configured monitor of each endpoint, and each endpoint's
 * variant comparison, input `{ endpoint }`.
 */
export const schedules = [...monitorSchedules(config), ...variantSchedules(config)].map(
  (schedule) =>
    new sst.aws.CronV2(`${schedule.name}Schedule`, {
      schedule: schedule.schedule as `rate(${string})` | `cron(${string})`,
      timezone: 'UTC',
      function: functions[schedule.function],
      event: schedule.event,
      retries: 2,
      dlq: deliveryDlq.arn,
    }),
);

/** SST takes `detailType` where EventBridge's JSON has `detail-type`. */
function toSstPattern(pattern: EventPatternJson) {
  const {
    source,
    'detail-type': detailType,
    detail,
  } = pattern as {
    source?: unknown[];
    'detail-type'?: unknown[];
    detail?: Record<string, unknown>;
  };
  return { source, detailType, detail };
}

function withBucket(pattern: EventPatternJson, bucketName: string): EventPatternJson {
  return JSON.parse(
    JSON.stringify(pattern).replaceAll(JSON.stringify(VIGIL_BUCKET), JSON.stringify(bucketName)),
  );
}
