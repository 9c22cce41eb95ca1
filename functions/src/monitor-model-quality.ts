import { runModelQualityMonitor } from '@vigil/core/modelquality';
import {
  finishScheduledRun,
  labelWindow,
  type ScheduledRunSummary,
  scheduledMonitorHandler,
} from './shared/scheduled-monitor.ts';

/** What a run reports back to the scheduler (and to the logs). */
export interface ModelQualityRunSummary extends ScheduledRunSummary {
  /** Predictions that joined a label. */
  matched: number;
}

/**
 * Scheduled model-quality monitor of one endpoint. EventBridge Scheduler invokes it with
 * `{ "endpoint": "<name>" }` (optionally `"scheduledTime"`); it joins the capture window's
 * predictions to the ground-truth window's labels, checks them against the baseline, estimates
 * quality before labels (binary), writes the report, publishes model-metrics and emits "Vigil
 * Monitoring Execution".
 */
export const handler = scheduledMonitorHandler(
  'model-quality',
  async (run): Promise<ModelQualityRunSummary> => {
    const { endpoint, monitor, runtime } = run;
    const result = await runModelQualityMonitor(run.ports, {
      ...run.target,
      labelWindow: labelWindow(run),
      capture: runtime.storeFor(endpoint.capture),
      captureSource: monitor.captureSource,
      extractStore: runtime.store,
      groundTruth: endpoint.groundTruth ? runtime.storeFor(endpoint.groundTruth) : undefined,
      baseline: runtime.storeFor(monitor.baseline),
      problemType: monitor.problemType,
      attributes: {
        inferenceAttribute: monitor.inferenceAttribute,
        probabilityAttribute: monitor.probabilityAttribute,
        probabilityThreshold: monitor.probabilityThreshold,
        groundTruthAttribute: monitor.groundTruthAttribute,
      },
      estimate: monitor.estimate,
    });
    return finishScheduledRun(run, result.detail, { matched: result.merge?.matched ?? 0 });
  },
);
