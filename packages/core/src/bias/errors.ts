import { vigilErrorWithCode } from '../errors/coded-error.ts';

/**
 * One bias metric cannot be computed on this data (an empty facet, no positive labels, no common
 * label value). The message is smclarify's, word for word, because it goes into analysis.json's
 * `error` field; the other metrics still compute.
 */
export class BiasMetricError extends vigilErrorWithCode('BIAS_METRIC_FAILED') {}

/**
 * The whole bias report cannot be computed: the label or facet configuration does not fit the
 * data (no threshold for a continuous column, predicted labels of another type, no positive
 * predictions). The message is smclarify's.
 */
export class BiasReportError extends vigilErrorWithCode('BIAS_REPORT_FAILED') {}
