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
export { categoricalChart, escapeXml, numericChart } from './svg-chart.ts';
