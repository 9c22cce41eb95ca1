import type { Command } from '../command.ts';
import { alarmsCommands } from './alarms.ts';
import { auditCommands } from './audit.ts';
import { baselineDataQualityCommand } from './baseline-data-quality.ts';
import { baselineModelQualityCommand } from './baseline-model-quality.ts';
import { biasCommand } from './bias.ts';
import { cardCommands } from './card.ts';
import { demoCommand } from './demo.ts';
import { devCommand } from './dev.ts';
import { explainCommand } from './explain.ts';
import { monitorBiasDriftCommand } from './monitor-bias-drift.ts';
import { monitorDataQualityCommand } from './monitor-data-quality.ts';
import { monitorFeatureAttributionCommand } from './monitor-feature-attribution.ts';
import { monitorModelQualityCommand } from './monitor-model-quality.ts';
import { registryCommands } from './registry.ts';

/** Every `vigil` sub-command, in the order `vigil --help` lists them. */
export const commands: Command[] = [
  demoCommand,
  devCommand,
  baselineDataQualityCommand,
  monitorDataQualityCommand,
  baselineModelQualityCommand,
  monitorModelQualityCommand,
  explainCommand,
  monitorFeatureAttributionCommand,
  biasCommand,
  monitorBiasDriftCommand,
  ...registryCommands,
  ...cardCommands,
  ...auditCommands,
  ...alarmsCommands,
];
