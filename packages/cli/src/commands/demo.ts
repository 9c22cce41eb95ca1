import { optionalString } from '../args.ts';
import { defineCommand, helpText } from '../command.ts';

/** `vigil demo`: the main job, on real data, with no AWS account. */
export const demoCommand = defineCommand({
  name: 'demo',
  usage: 'demo [--home .vigil-demo]',
  options: { home: 'string' },
  details: helpText`
    Trains a small rain model on NOAA Seattle weather 2012–2013, serves it over HTTP with SageMaker's
    container contract, baselines it (data quality, model quality, Clarify bias, KernelSHAP), registers three
    versions through the approval gate, replays six hours of 2014–2015 traffic as data-capture files and runs
    the Lambda handlers through the local loop: drift, alarms, one grouped alert and a rollback in the audit log;
    then compares a challenger (v3) and a shadow (v2) with the champion (v1) on the same traffic, with a decision.
    The home folder (emptied first) keeps everything; report.html is the page to open.
  `,
  async run(args, io) {
    // The handlers log through Powertools; the demo prints its own story instead.
    const { logger } = await import('@vigil/aws');
    logger.setLogLevel((io.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR') as Parameters<typeof logger.setLogLevel>[0]);
    const { runDemo } = await import('../demo/run-demo.ts');
    await runDemo({ cwd: io.cwd, home: optionalString(args, 'home'), io });
    return 0;
  },
});
