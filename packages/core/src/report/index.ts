export { escapeHtml } from '../escape/html.ts';
export type { DataQualityReportInput } from './data-quality-html.ts';
export { renderDataQualityReport } from './data-quality-html.ts';
export type {
  CategoricalBucket,
  FeatureStatistics,
  KllBucket,
  StatisticsFile,
  Violation,
  ViolationsFile,
} from './statistics-shape.ts';
export { categoricalChart, numericChart } from './svg-chart.ts';
