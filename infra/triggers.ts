import { defaultBus, vigilBus } from './bus';
import { config } from './config';
import { deliveryDlq } from './dead-letters';
import { functions } from './functions';
import { bucket } from './storage';
import {
  asyncTopicSubscriptions,
  type EventPatternJson,
  monitorSchedules,
  SCHEDULE_FLEXIBLE_WINDOW_MINUTES,
  SCHEDULER_SCHEDULED_TIME,
  subscriptions,
  variantSchedules,
} from './wiring';

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
 * EventBridge Scheduler schedules: each configured monitor of each endpoint and each endpoint's
 * variant comparison, input `{ endpoint, scheduledTime }` (plus `variant` for an endpoint monitored per variant). A flexible window spreads the hour's runs of many endpoints over
 * `SCHEDULE_FLEXIBLE_WINDOW_MINUTES` instead of one burst (docs/scaling.md); the window each run
 * monitors still follows from the nominal time Scheduler puts in `scheduledTime`.
 */
export const schedules = [...monitorSchedules(config), ...variantSchedules(config)].map(
  (schedule) =>
    new sst.aws.CronV2(`${schedule.name}Schedule`, {
      schedule: schedule.schedule as `rate(${string})` | `cron(${string})`,
      timezone: 'UTC',
      function: functions[schedule.function],
      event: { ...schedule.event, scheduledTime: SCHEDULER_SCHEDULED_TIME },
      retries: 2,
      dlq: deliveryDlq.arn,
      transform: {
        schedule: (args) => {
          args.flexibleTimeWindow = {
            mode: 'FLEXIBLE',
            maximumWindowInMinutes: SCHEDULE_FLEXIBLE_WINDOW_MINUTES,
          };
        },
      },
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

/**
 * SNS subscriptions of async-capture: the success and error topics of the endpoints served with
 * asynchronous inference (their endpoint config's NotificationConfig).
 */
export const asyncTopicSubscribers = asyncTopicSubscriptions(config).map((subscription) =>
  sst.aws.SnsTopic.subscribe(
    `${subscription.name}Subscription`,
    subscription.topicArn,
    functions[subscription.function].arn,
  ),
);
