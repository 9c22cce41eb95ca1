import { guardrailAlarms } from './alarms';
import { alertTopic } from './alerts';
import { auditBucket, auditHeadsBucket, auditLocationObject } from './audit-storage';
import { backfillStateMachine } from './backfill';
import { vigilBus } from './bus';
import { dashboardApi } from './dashboard-api';
import { functions } from './functions';
import { bucket } from './storage';
import { asyncTopicSubscribers, rules, schedules } from './triggers';

/** What `sst deploy` prints: where Vigil keeps its data and what it created. */
export const outputs = {
  bucket: bucket.name,
  /** `vigil audit verify --home s3://<auditBucket> --heads s3://<auditHeadsBucket>`. */
  auditBucket: auditBucket.bucket,
  auditHeadsBucket: auditHeadsBucket.bucket,
  auditLocation: auditLocationObject.key,
  bus: vigilBus.name,
  alertTopic: alertTopic.arn,
  /** The dashboard's read-only API (IAM-authorized function URL): `vigil ui --api <dashboardApiUrl>`. */
  dashboardApiUrl: dashboardApi.url,
  functions: Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, fn.name])),
  rules: rules.length,
  schedules: schedules.length,
  asyncTopicSubscriptions: asyncTopicSubscribers.length,
  alarms: guardrailAlarms.length,
  /** `vigil backfill --aws --state-machine <backfillStateMachine>`. */
  backfillStateMachine: backfillStateMachine.arn,
};
