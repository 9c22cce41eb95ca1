import { existsSync } from 'node:fs';
import { homePath } from '../adapters.ts';
import { optionalNumber, optionalString } from '../args.ts';
import { defineCommand, helpText, UsageError } from '../command.ts';
import type { DashboardApi } from '../ui/index.ts';

/** `vigil ui`: the dashboard over a home folder, on 127.0.0.1, until Ctrl-C. */
export const uiCommand = defineCommand({
  name: 'ui',
  usage: 'ui [--home .vigil | --api https://<id>.lambda-url.<region>.on.aws/] [--port 8787]',
  options: { home: 'string', api: 'string', port: 'string' },
  details: helpText`
    Serves a read-only web app over the home folder on http://127.0.0.1:PORT/ (loopback only):
    endpoints and each monitor's last run, each metric over time with its threshold and violations,
    model quality realized against its label-free estimate and band, bias and attributions, incidents
    and rollbacks, the registry with every approval decision and card completeness, and the audit check.
    The charts read the run indexes the monitors append to (index/runs/), not every report.
    --home DIR  The home folder (default .vigil); after \`vigil demo\`, pass --home .vigil-demo.
    --api URL   The deployed dashboard API instead of a home (sst deploy's dashboardApiUrl): each request
                is signed with your AWS credentials (IAM; you need lambda:InvokeFunctionUrl on it).
    --port N    Port to listen on (default 8787; 0 picks a free one).
  `,
  async run(args, io) {
    const remote = optionalString(args, 'api');
    if (remote && optionalString(args, 'home'))
      throw new UsageError('Pass --home (a local home folder) or --api (the deployed API), not both');
    if (remote && !/^https:\/\//.test(remote))
      throw new UsageError(
        `--api must be the https:// URL of the dashboard API (sst deploy's dashboardApiUrl), got ${remote}`,
      );
    const home = homePath(optionalString(args, 'home'), io.cwd);
    if (!remote && !existsSync(home))
      throw new UsageError(
        `No Vigil home at ${home}: run \`vigil demo\` (then --home .vigil-demo) or \`vigil dev\` first`,
      );
    const port = optionalNumber(args, 'port') ?? 8787;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be an integer from 0 to 65535, got ${port}`);
    const { localDashboardSources, startDashboardServer } = await import('../ui/index.ts');
    let api: DashboardApi;
    if (remote) {
      const { functionUrlClient } = await import('@vigil/aws');
      api = functionUrlClient(remote);
    } else {
      const { dashboardResponse } = await import('@vigil/core/dashboard');
      const sources = await localDashboardSources(home);
      api = (path) => dashboardResponse(sources, path);
    }
    const server = await startDashboardServer(api, port);
    io.stdout(`Vigil dashboard of ${remote ?? home}: ${server.url}`);
    io.stderr('vigil ui: read-only, on 127.0.0.1 only; Ctrl-C to stop');
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    await server.close();
    return 0;
  },
});
