import type { ReportSection } from '../page-shell.ts';
import type { PlainViolation } from '../violations-text.ts';

/** What a monitor contributes to its run's report: its sections and its violations in plain words. */
export interface MonitorReport {
  sections: ReportSection[];
  violations: PlainViolation[];
}
