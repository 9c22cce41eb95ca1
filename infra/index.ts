import { guardrailAlarms } from './alarms';
import { alertTopic } from './alerts';
import { vigilBus } from './bus';
import { functions } from './functions';
import { bucket } from './storage';
import { rules, schedules } from './triggers';

/** What `sst deploy` prints: where Vigil keeps its data and what it created. */
export const outputs = {
  bucket: bucket.name,
  bus: vigilBus.name,
  alertTopic: alertTopic.arn,
  functions: Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, fn.name])),
  rules: rules.length,
  schedules: schedules.length,
  alarms: guardrailAlarms.length,
};
