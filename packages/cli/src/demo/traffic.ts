import { randomUUID } from 'node:crypto';
import { featureRow, type WeatherDay } from './weather.ts';

/**
 * The options of `vigil monitor model-quality` and `vigil compare variants` that read the captured
 * predictions of `captureLine`: the output is the probability of rain alone (column 0), and a
 * probability of 0.5 or more predicts rain.
 */
export const CAPTURED_PREDICTION_ARGS = [
  '--problem-type',
  'BinaryClassification',
  '--probability-attribute',
  '0',
  '--probability-threshold',
  '0.5',
];

/** A capture line as SageMaker's data capture writes it: CSV request, CSV response, one record. */
export function captureLine(day: WeatherDay, score: number, at: Date): string {
  return JSON.stringify({
    captureData: {
      endpointInput: {
        observedContentType: 'text/csv',
        mode: 'INPUT',
        data: featureRow(day).join(','),
        encoding: 'CSV',
      },
      endpointOutput: {
        observedContentType: 'text/csv; charset=utf-8',
        mode: 'OUTPUT',
        data: score.toFixed(6),
        encoding: 'CSV',
      },
    },
    eventMetadata: { eventId: randomUUID(), inferenceId: day.date, inferenceTime: isoSeconds(at) },
    eventVersion: '0',
  });
}

/** A ground-truth line as SageMaker's merge job reads it, keyed by the capture's inferenceId. */
export function groundTruthLine(day: WeatherDay): string {
  return JSON.stringify({
    groundTruthData: { data: day.weather === 'rain' ? '1' : '0', encoding: 'CSV' },
    eventMetadata: { eventId: day.date },
    eventVersion: '0',
  });
}

/** SageMaker's capture file name: `{MM}-{SS}-{mmm}-{uuid}.jsonl` of the first record's time. */
export function captureFileName(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(14, 16)}-${iso.slice(17, 19)}-${iso.slice(20, 23)}-${randomUUID()}.jsonl`;
}

const isoSeconds = (at: Date) => `${at.toISOString().slice(0, 19)}Z`;
