import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigText } from '@vigil/core';

/** The configuration that drives the deployment: `vigil.config.json` at the repository root. */
export const configPath = join($cli.paths.root, 'vigil.config.json');

/** Its text, uploaded as it is for the functions. */
export const configText = readFileSync(configPath, 'utf8');

/** Validated at deploy time, so a bad file fails `sst deploy` with the path of the bad field. */
export const config = parseConfigText(configText, configPath);

/**
 * A digest of the configuration, set in every function's environment: a changed configuration
 * then publishes new function versions, so no warm container keeps the old one cached.
 */
export const configDigest = createHash('sha256').update(configText).digest('hex').slice(0, 16);
