import type { RainModel } from './model.ts';
import { scoreDay } from './model.ts';
import { FEATURES, featureRow, rained, type WeatherDay } from './weather.ts';

/** The endpoint, group and channel names the demo uses. */
export const DEMO = {
  endpoint: 'seattle-rain',
  group: 'seattle-rain',
  channel: 'oncall',
  slackSecret: 'VigilDemoSlackWebhook',
  /** The simulated day the traffic is replayed on (fixed, so every run prints the same story). */
  day: '2026-01-05',
} as const;

/** Hours of replayed traffic: which real days each carries and what happens in it. */
export interface TrafficHour {
  hour: number;
  days: WeatherDay[];
  /** A short description printed with the hour. */
  note: string;
  /** The upstream incident: the spring-to-autumn feed reports inches and km/h instead of mm and m/s. */
  feedInImperial: boolean;
}

/**
 * Six hours of traffic: 2014 (held out from training) in three hours, then 2015 in three hours.
 * Model v3 is deployed at hour 3; from hour 4 an upstream feed change reports the spring-to-autumn
 * records' precipitation in inches (÷25.4) and wind in km/h (×3.6). Labels arrive an hour late.
 */
export function trafficHours(y2014: readonly WeatherDay[], y2015: readonly WeatherDay[]): TrafficHour[] {
  const thirds = (days: readonly WeatherDay[]) => [0, 1, 2].map((i) => days.filter((_, j) => j % 3 === i));
  const [a, b, c] = thirds(y2014);
  const [d, e, f] = thirds(y2015);
  return [
    { hour: 0, days: a ?? [], note: '2014 traffic on model v1', feedInImperial: false },
    { hour: 1, days: b ?? [], note: '2014 traffic on model v1', feedInImperial: false },
    { hour: 2, days: c ?? [], note: '2014 traffic on model v1', feedInImperial: false },
    { hour: 3, days: d ?? [], note: '2015 traffic; model v3 deployed', feedInImperial: false },
    {
      hour: 4,
      days: e ?? [],
      note: '2015 traffic; a weather feed switches to inches and km/h',
      feedInImperial: true,
    },
    {
      hour: 5,
      days: f ?? [],
      note: '2015 traffic; the feed still sends inches and km/h',
      feedInImperial: true,
    },
  ];
}

/** The day as the incident delivers it to the endpoint. */
export const asDelivered = (day: WeatherDay, feedInImperial: boolean): WeatherDay =>
  feedInImperial && day.season !== 'winter'
    ? { ...day, precipitation: day.precipitation / 25.4, wind: day.wind * 3.6 }
    : day;

/** CSV of a data-quality baseline dataset: the model's score first (SageMaker's START), then the inputs. */
export function dataQualityDataset(days: readonly WeatherDay[], model: RainModel): string {
  const rows = days.map((d) => [scoreDay(model, d).toFixed(6), ...featureRow(d)]);
  return csv(['probability', ...FEATURES], rows);
}

/** CSV of a model-quality dataset: label, predicted label and probability per day. */
export function modelQualityDataset(days: readonly WeatherDay[], model: RainModel): string {
  const rows = days.map((d) => {
    const p = scoreDay(model, d);
    return [rained(d), p >= 0.5 ? 1 : 0, p.toFixed(6)];
  });
  return csv(['label', 'prediction', 'probability'], rows);
}

/** CSV of a Clarify bias dataset: the inputs, the label and the model's predicted label. */
export function biasDataset(days: readonly WeatherDay[], model: RainModel): string {
  const rows = days.map((d) => [...featureRow(d), rained(d), scoreDay(model, d) >= 0.5 ? 1 : 0]);
  return csv([...FEATURES, 'rain', 'predicted'], rows);
}

/** CSV of the rows explained for the attribution baseline: the inputs and the label. */
export function explainDataset(days: readonly WeatherDay[]): string {
  return csv(
    [...FEATURES, 'rain'],
    days.map((d) => [...featureRow(d), rained(d)]),
  );
}

/** Clarify's analysis_config.json for the bias baseline and the bias-drift monitor. */
export function biasAnalysisConfig(): Record<string, unknown> {
  return {
    dataset_type: 'text/csv',
    headers: [...FEATURES, 'rain', 'predicted'],
    label: 'rain',
    label_values_or_threshold: [1],
    facet: [{ name_or_index: 'season', value_or_threshold: ['winter'] }],
    predicted_label: 'predicted',
    probability_threshold: 0.5,
    methods: {
      pre_training_bias: { methods: ['CI', 'DPL'] },
      post_training_bias: { methods: ['DPPL', 'AD'] },
    },
  };
}

/** Clarify's analysis_config.json for KernelSHAP, with one explicit baseline row (a mild spring day). */
export function shapAnalysisConfig(): Record<string, unknown> {
  return {
    dataset_type: 'text/csv',
    headers: [...FEATURES, 'rain'],
    label: 'rain',
    methods: {
      shap: { baseline: [[0, 15, 7, 3, 'spring']], num_samples: 62, agg_method: 'mean_abs', seed: 1 },
    },
    predictor: { endpoint_name: DEMO.endpoint, content_type: 'text/csv', accept_type: 'text/csv' },
  };
}

/** The model card content every registered version carries. */
export function modelCard(version: string, trainedOn: string): Record<string, unknown> {
  return {
    model_overview: {
      model_description: `Logistic regression predicting rain in Seattle from the day's weather (${version}).`,
      model_owner: 'ml-platform@example.com',
      problem_type: 'Binary Classification',
      algorithm_type: 'Logistic Regression',
    },
    intended_uses: {
      purpose_of_model: 'Demo of Vigil: decide whether to send a rain warning for the day.',
      intended_uses: 'Daily rain warnings in Seattle.',
      risk_rating: 'Low',
    },
    training_details: { training_observations: `NOAA daily weather, ${trainedOn}` },
  };
}

function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `${[header.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}

/**
 * Relaxes suggested model-quality constraints by `margin`, as a user tunes SageMaker's suggested
 * thresholds (which equal the baseline values, so any dip would be a violation).
 */
export function relaxConstraints(text: string, margin: number): string {
  const constraints = JSON.parse(text) as Record<
    string,
    Record<string, { threshold: number; comparison_operator: string }>
  >;
  for (const group of Object.values(constraints)) {
    if (typeof group !== 'object' || group === null) continue;
    for (const c of Object.values(group)) {
      if (c.comparison_operator.startsWith('LessThan')) c.threshold -= margin;
      else if (c.comparison_operator.startsWith('GreaterThan')) c.threshold += margin;
    }
  }
  return JSON.stringify(constraints, null, 2);
}
