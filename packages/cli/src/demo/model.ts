import { trainLogisticRegression } from './logistic-regression.ts';
import { rained, type WeatherDay } from './weather.ts';

const SEASONS = ['winter', 'spring', 'summer'] as const;

/** A model the demo serves: P(rain) from one capture record (precipitation, temps, wind, season). */
export type RainModel = (record: readonly (number | string)[]) => number;

/** The numeric encoding the logistic regression sees: the four measurements and a one-hot season. */
function encode(record: readonly (number | string)[]): number[] {
  const [precipitation, tempMax, tempMin, wind, season] = record;
  return [
    Number(precipitation),
    Number(tempMax),
    Number(tempMin),
    Number(wind),
    ...SEASONS.map((s) => (season === s ? 1 : 0)),
  ];
}

const recordOf = (d: WeatherDay) => [d.precipitation, d.temp_max, d.temp_min, d.wind, d.season];

/**
 * Trains the demo's rain model on `days`. `shuffleLabels` trains on labels in a scrambled order:
 * the "bad candidate" version the approval gate has to reject.
 */
export function trainRainModel(
  days: readonly WeatherDay[],
  options: { shuffleLabels?: boolean } = {},
): RainModel {
  let labels = days.map(rained);
  if (options.shuffleLabels) labels = labels.map((_, i) => labels[(i * 7919) % labels.length] ?? 0);
  const model = trainLogisticRegression(
    days.map((d) => encode(recordOf(d))),
    labels,
  );
  return (record) => model.predict(encode(record));
}

/** The model's score of a day. */
export const scoreDay = (model: RainModel, day: WeatherDay): number => model(recordOf(day));
