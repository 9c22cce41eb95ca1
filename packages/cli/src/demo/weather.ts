import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One day of Seattle weather (vega-datasets' seattle-weather.csv, NOAA data 2012–2015). */
export interface WeatherDay {
  date: string;
  precipitation: number;
  temp_max: number;
  temp_min: number;
  wind: number;
  weather: string;
  season: string;
}

/** The model's input columns, in capture order. */
export const FEATURES = ['precipitation', 'temp_max', 'temp_min', 'wind', 'season'] as const;
export const NUMERIC_FEATURES = ['precipitation', 'temp_max', 'temp_min', 'wind'] as const;

/** Where vega-datasets keeps its files (its `exports` map hides them from import). */
export function vegaDataPath(file: string): string {
  const entry = createRequire(import.meta.url).resolve('vega-datasets');
  return join(dirname(entry), '..', 'data', file);
}

/**
 * Reads seattle-weather.csv and adds the meteorological season, a categorical feature the
 * monitors and the bias facet use.
 *
 * @example
 * ```ts
 * const days = await loadSeattleWeather();
 * const baseline = days.filter((d) => d.date < '2014');
 * ```
 */
export async function loadSeattleWeather(): Promise<WeatherDay[]> {
  const text = await readFile(vegaDataPath('seattle-weather.csv'), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const columns = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const get = (name: string) => cells[columns.indexOf(name)] ?? '';
    const date = get('date');
    return {
      date,
      precipitation: Number(get('precipitation')),
      temp_max: Number(get('temp_max')),
      temp_min: Number(get('temp_min')),
      wind: Number(get('wind')),
      weather: get('weather'),
      season: seasonOf(date),
    };
  });
}

function seasonOf(date: string): string {
  const month = Number(date.slice(5, 7));
  if (month === 12 || month <= 2) return 'winter';
  if (month <= 5) return 'spring';
  if (month <= 8) return 'summer';
  return 'autumn';
}

/** The binary label the demo model predicts: did it rain that day. */
export const rained = (day: WeatherDay): number => (day.weather === 'rain' ? 1 : 0);

/**
 * A day's inputs as the client sends them: measurements with one decimal, as NOAA's file writes
 * them ("0.0", not "0": the data-quality type check tells Integral from Fractional by the text).
 */
export function featureRow(day: WeatherDay): string[] {
  return [...NUMERIC_FEATURES.map((f) => day[f].toFixed(1)), day.season];
}
