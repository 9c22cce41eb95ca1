import { systemClock } from '@vigil/core';
import { flag, optionalNumber, optionalString } from '../args.ts';
import { defineCommand, helpText } from '../command.ts';
import { readConfigFile } from '../config-file.ts';

/** `vigil dev`: the whole system on the local folder, until Ctrl-C (or one round with --once). */
export const devCommand = defineCommand({
  name: 'dev',
  usage: 'dev [--config vigil.config.json] [--home .vigil] [--interval-ms 1000] [--once]',
  options: { config: 'string', home: 'string', 'interval-ms': 'string', once: 'boolean' },
  details: helpText`
    Runs the same handlers as the Lambdas on the home folder, which has the layout of Vigil's bucket:
    a new file under {capture}/{endpoint}/{variant}/yyyy/mm/dd/hh/ raises an S3 "Object Created" event
    (profile-capture), the configured schedules run the monitors, guardrail alarms are evaluated against
    the local metrics store after every round, and alarm-router alerts to stdout, the outbox folder and,
    when the channel's webhookSecret names a set environment variable, a real Slack webhook.
    Events are journaled under <home>/events/, alerts under <home>/outbox/, decisions under <home>/audit/.
  `,
  async run(args, io) {
    const { config } = await readConfigFile(args, io);
    // Handlers log through Powertools; keep the terminal for Vigil's own lines unless asked.
    const { logger } = await import('@vigil/aws');
    logger.setLogLevel((io.env.POWERTOOLS_LOG_LEVEL ?? 'WARN') as Parameters<typeof logger.setLogLevel>[0]);
    const { createLocalSystem } = await import('../dev/local-system.ts');
    const system = createLocalSystem({
      config,
      cwd: io.cwd,
      home: optionalString(args, 'home'),
      clock: systemClock,
      print: io.stdout,
      env: io.env,
      intervalMs: optionalNumber(args, 'interval-ms') ?? 1000,
    });
    const endpoints = config.endpoints.map((e) => e.name).join(', ') || 'none';
    io.stderr(`vigil dev: home ${system.home}, endpoints ${endpoints}`);
    if (flag(args, 'once')) {
      await system.loop.round();
      io.stderr(
        `vigil dev: one round done (${system.bus.failedDeliveries} failed deliveries, ${system.loop.failedRuns} failed runs)`,
      );
      return system.bus.failedDeliveries + system.loop.failedRuns > 0 ? 1 : 0;
    }
    system.loop.start();
    io.stderr('vigil dev: watching for capture files; Ctrl-C to stop');
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    await system.loop.stop();
    return 0;
  },
});
