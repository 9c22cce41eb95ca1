import { config } from './config';
import { secretNames } from './wiring';

/** Where alarm-router publishes alerts; subscribe email addresses or chat integrations to it. */
export const alertTopic = new sst.aws.SnsTopic('VigilAlerts');

/**
 * The secrets the configuration's channels name (their descriptors' `secrets`: Slack webhook
 * URLs), as SST secrets (set them with `sst secret set <Name> <url>`); linked to alarm-router only.
 */
export const secrets = Object.fromEntries(secretNames(config).map((name) => [name, new sst.Secret(name)]));
