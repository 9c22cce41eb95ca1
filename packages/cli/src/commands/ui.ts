import { existsSync } from 'node:fs';
import { homePath } from '../adapters.ts';
import { type Command, optionalNumber, optionalString, optionTypes, UsageError } from '../command.ts';

/** `vigil ui`: the dashboard over a home folder, on 127.0.0.1, until Ctrl-C. */
export const uiCommand: Command = {
  name: 'ui',
  summary: 'Open the dashboard: endpoints, metrics over time, incidents, registry and audit of a home folder',
  usage: 'ui [--home .vigil] [--port 8787]',
  options: optionTypes({ home: 'string', port: 'string' }),
  details: [
    'Serves a read-only web app over the home folder on http://127.0.0.1:PORT/ (loopback only):',
    "endpoints and each monitor's last run, each metric over time with its threshold and violations,",
    'model quality realized against its label-free estimate and band, bias and attributions, incidents',
    'and rollbacks, the registry with every approval decision and card completeness, and the audit check.',
    'The charts read the run indexes the monitors append to (index/runs/), not every report.',
    '--home DIR  The home folder (default .vigil); after `vigil demo`, pass --home .vigil-demo.',
    '--port N    Port to listen on (default 8787; 0 picks a free one).',
  ].join('\n'),
  async run(args, io) {
    const home = homePath(optionalString(args, 'home'), io.cwd);
    if (!existsSync(home))
      throw new UsageError(
        `No Vigil home at ${home}: run \`vigil demo\` (then --home .vigil-demo) or \`vigil dev\` first`,
      );
    const port = optionalNumber(args, 'port') ?? 8787;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be an integer from 0 to 65535, got ${port}`);
    const { localDashboardSources, startDashboardServer } = await import('../ui/index.ts');
    const server = await startDashboardServer(await localDashboardSources(home), port);
    io.stdout(`Vigil dashboard of ${home}: ${server.url}`);
    io.stderr('vigil ui: read-only, on 127.0.0.1 only; Ctrl-C to stop');
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    await server.close();
    return 0;
  },
};
