import type { SFNClient } from '@aws-sdk/client-sfn';
import { awsClientConfig } from './client-config.ts';
import { sfnSdk } from './lazy-sdk.ts';

/** The item counts of one Map Run (DescribeMapRun's `itemCounts`). */
export interface MapRunCounts {
  /** The map's Label, from the Map Run's ARN (`…:mapRun:<machine>/<label>:<id>`). */
  label: string;
  total: number;
  succeeded: number;
  failed: number;
  running: number;
  pending: number;
}

/** Where an execution is: its status and the counts of its map runs so far. */
export interface BackfillExecutionState {
  status: string;
  mapRuns: MapRunCounts[];
  error?: string;
  cause?: string;
}

/**
 * Starts and follows a backfill on the deployed state machine: StartExecution, then
 * DescribeExecution and the Distributed Maps' Map Runs (ListMapRuns, DescribeMapRun) for progress.
 * The caller needs `states:StartExecution` on the machine and `states:DescribeExecution`,
 * `states:ListMapRuns`, `states:DescribeMapRun` on its executions and map runs.
 *
 * @example
 * ```ts
 * const backfill = new StepFunctionsBackfill();
 * const executionArn = await backfill.start(stateMachineArn, 'churn-20240501-20240601-1733390000', input);
 * const state = await backfill.state(executionArn); // { status: 'RUNNING', mapRuns: [{ label: 'ProfileHour', total: 120, … }] }
 * ```
 */
export class StepFunctionsBackfill {
  #clientOrUndefined: SFNClient | undefined;
  /** Counts of Map Runs that ended: they cannot change, so a month's 744 hours are described once each. */
  readonly #ended = new Map<string, MapRunCounts>();

  constructor(options: { client?: SFNClient } = {}) {
    this.#clientOrUndefined = options.client;
  }

  async #sdk() {
    const sdk = await sfnSdk();
    this.#clientOrUndefined ??= new sdk.SFNClient(awsClientConfig());
    return { sdk, client: this.#clientOrUndefined };
  }

  /** Starts an execution with `input` (JSON-serialized); returns its ARN. */
  async start(stateMachineArn: string, name: string, input: unknown): Promise<string> {
    const { sdk, client } = await this.#sdk();
    const out = await client.send(
      new sdk.StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
    );
    if (!out.executionArn) throw new Error(`StartExecution on ${stateMachineArn} returned no execution ARN`);
    return out.executionArn;
  }

  /** The execution's status and the item counts of every Map Run it started so far. */
  async state(executionArn: string): Promise<BackfillExecutionState> {
    const { sdk, client } = await this.#sdk();
    const execution = await client.send(new sdk.DescribeExecutionCommand({ executionArn }));
    const mapRuns: MapRunCounts[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new sdk.ListMapRunsCommand({ executionArn, nextToken }));
      for (const run of page.mapRuns ?? []) {
        if (!run.mapRunArn) continue;
        const ended = this.#ended.get(run.mapRunArn);
        if (ended) {
          mapRuns.push(ended);
          continue;
        }
        const described = await client.send(new sdk.DescribeMapRunCommand({ mapRunArn: run.mapRunArn }));
        const counts = described.itemCounts;
        const current: MapRunCounts = {
          label: mapRunLabel(run.mapRunArn),
          total: counts?.total ?? 0,
          succeeded: counts?.succeeded ?? 0,
          failed: (counts?.failed ?? 0) + (counts?.timedOut ?? 0) + (counts?.aborted ?? 0),
          running: counts?.running ?? 0,
          pending: counts?.pending ?? 0,
        };
        if (described.status && described.status !== 'RUNNING') this.#ended.set(run.mapRunArn, current);
        mapRuns.push(current);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return {
      status: execution.status ?? 'UNKNOWN',
      mapRuns,
      ...(execution.error ? { error: execution.error } : {}),
      ...(execution.cause ? { cause: execution.cause } : {}),
    };
  }
}

/**
 * The Label of a Map Run from its ARN: `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>`.
 *
 * @example
 * ```ts
 * mapRunLabel('arn:aws:states:us-east-1:123456789012:mapRun:vigil-prod-backfill/ProfileHour:0a1b'); // 'ProfileHour'
 * ```
 */
export function mapRunLabel(mapRunArn: string): string {
  const path = mapRunArn.split(':mapRun:')[1] ?? '';
  const afterMachine = path.slice(path.indexOf('/') + 1);
  return afterMachine.slice(0, afterMachine.lastIndexOf(':')) || afterMachine;
}
