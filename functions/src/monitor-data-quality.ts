import { runDataQualityMonitor } from '@vigil/core/dataquality';
import { finishScheduledRun, scheduledMonitorHandler } from './shared/scheduled-monitor.ts';

/**
 * Scheduled data-quality monitor of one endpoint. EventBridge Scheduler invokes it with
 * `{ "endpoint": "<name>" }` (optionally `"scheduledTime"`); it merges the window's capture
 * profiles, checks them against the baseline, writes the reports, publishes the metrics and emits
 * "Vigil Monitoring Execution". A run without baseline or data ends as Failed (in the event and
 * the result), not as an error, so the scheduler does not retry it.
 */
export const handler = scheduledMonitorHandler('data-quality', async (run) => {
  const { endpoint, monitor } = run;
  const summary = await runDataQualityMonitor(run.ports, {
    ...run.target,
    // Data quality stamps its event and metrics with the time it ran for (docs/monitoring-window.md).
    scheduledTime: run.at,
    baseline: monitor.baseline,
    capture: endpoint.capture,
    drift: monitor.drift,
  });
  // A failed run names no report (the summary says so even when a write failed half-way).
  return finishScheduledRun(run, summary.detail, { reportUri: summary.reportUri });
});
