/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Vigil's infrastructure. The configuration file `vigil.config.json` at the repository root drives
 * it (endpoints, schedules, channels); every resource is declared in `infra/`, one file per concern.
 */
export default $config({
  app(input) {
    return {
      name: 'vigil',
      home: 'aws',
      removal: input?.stage === 'production' ? 'retain' : 'remove',
      protect: input?.stage === 'production',
    };
  },
  async run() {
    const infra = await import('./infra');
    return infra.outputs;
  },
});
