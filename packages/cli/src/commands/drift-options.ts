import {
  DEFAULT_DRIFT_METHOD,
  DRIFT_METHOD_NAMES,
  type DriftReport,
  type DriftSettings,
  driftMethod,
  driftMetricPatterns,
  thresholdProblem,
} from '@vigil/core/dataquality';
import { commaList, flag } from '../args.ts';
import { type CommandArgs, UsageError } from '../command.ts';

type Mutable = {
  numerical?: { method?: string; threshold?: number };
  categorical?: { method?: string; threshold?: number };
  features: Record<string, { method?: string; threshold?: number }>;
};

const TYPES = ['numerical', 'categorical'] as const;

/** `--drift-method`, `--drift-threshold` and `--drift-violations` for --help. */
export const DRIFT_OPTION_HELP = [
  "--drift-method    Vigil's drift method: comma-separated items, repeatable. NAME sets the default of each type",
  '                  NAME applies to; numerical=NAME or categorical=NAME one type; FEATURE=NAME one feature.',
  `                  Methods: ${DRIFT_METHOD_NAMES.join(', ')}.`,
  `                  Default: numerical=${DEFAULT_DRIFT_METHOD.numerical}, categorical=${DEFAULT_DRIFT_METHOD.categorical} (README, "Drift methods").`,
  '--drift-threshold Thresholds in the same syntax: NUMBER for the types of the bare --drift-method (both types',
  "                  without one), numerical=NUMBER, categorical=NUMBER, FEATURE=NUMBER. Default: the method's own.",
  "--drift-violations Vigil's drift verdicts also become baseline_drift_check entries of constraint_violations.json.",
  `Vigil's drift verdicts go to drift_report.json in --out and to the ${listed(driftMetricPatterns())} metrics.`,
].join('\n');

/** Whole command lines that use the drift options, for --help. */
export const DRIFT_EXAMPLES = [
  'Example: vigil monitor data-quality --baseline baseline/ --capture capture/ --out report/ --drift-method ks',
  'Example: vigil monitor data-quality --baseline baseline/ --capture capture/ --out report/ \\',
  '           --drift-method psi,categorical=chi_squared --drift-threshold numerical=0.25',
  'Example: vigil monitor data-quality --baseline baseline/ --capture capture/ --out report/ \\',
  '           --drift-method age=ks,city=linf --drift-threshold age=0.01 --drift-violations',
].join('\n');

/** `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

function items(args: CommandArgs, name: string): { key?: string; value: string }[] {
  return commaList(args, name).map((item) => {
    const at = item.lastIndexOf('=');
    return at === -1 ? { value: item } : { key: item.slice(0, at).trim(), value: item.slice(at + 1).trim() };
  });
}

function knownMethod(name: string, where: string): string {
  if (!driftMethod(name))
    throw new UsageError(
      `--drift-method: unknown method "${name}"${where}: use one of ${DRIFT_METHOD_NAMES.join(', ')}`,
    );
  return name;
}

/**
 * The drift settings of `--drift-method`, `--drift-threshold` and `--drift-violations`, or
 * undefined when none was given (the configured or default settings apply).
 *
 * @example
 * ```ts
 * driftOptions(args); // --drift-method psi,age=ks → { numerical: { method: 'psi' }, features: { age: { method: 'ks' } } }
 * ```
 */
export function driftOptions(args: CommandArgs): DriftSettings | undefined {
  const methods = items(args, 'drift-method');
  const thresholds = items(args, 'drift-threshold');
  const violations = flag(args, 'drift-violations');
  if (methods.length === 0 && thresholds.length === 0 && !violations) return undefined;
  const settings: Mutable = { features: {} };
  const bareTypes = new Set<(typeof TYPES)[number]>();
  for (const { key, value } of methods) {
    if (key === undefined) {
      const method = driftMethod(knownMethod(value, ''));
      for (const type of method?.types ?? []) {
        settings[type] = { ...settings[type], method: value };
        bareTypes.add(type);
      }
    } else if (key === 'numerical' || key === 'categorical') {
      knownMethod(value, ` for ${key}`);
      if (!driftMethod(value)?.types.includes(key))
        throw new UsageError(`--drift-method: ${value} does not apply to ${key} features`);
      settings[key] = { ...settings[key], method: value };
    } else {
      if (key === '') throw new UsageError(`--drift-method: "=${value}" names no feature`);
      settings.features[key] = { ...settings.features[key], method: knownMethod(value, ` for ${key}`) };
    }
  }
  for (const { key, value } of thresholds) {
    const threshold = Number(value);
    if (value === '' || !Number.isFinite(threshold) || threshold < 0)
      throw new UsageError(`--drift-threshold: "${value}" is not a non-negative number`);
    if (key === undefined) {
      for (const type of bareTypes.size > 0 ? bareTypes : TYPES)
        settings[type] = { ...settings[type], threshold };
    } else if (key === 'numerical' || key === 'categorical') {
      settings[key] = { ...settings[key], threshold };
    } else {
      if (key === '') throw new UsageError(`--drift-threshold: "=${value}" names no feature`);
      settings.features[key] = { ...settings.features[key], threshold };
    }
  }
  const choices = [
    ...TYPES.map((type) => [settings[type], ''] as const),
    ...Object.entries(settings.features).map(([name, choice]) => [choice, ` for ${name}`] as const),
  ];
  for (const [choice, where] of choices) {
    const problem = thresholdProblem(choice?.method, choice?.threshold);
    if (problem) throw new UsageError(`--drift-threshold: ${problem}${where}`);
  }
  return { ...settings, violations };
}

/**
 * One line for stderr when there is something to say: which features Vigil's drift methods
 * flagged, features named in the options that the baseline does not have, and those it named a
 * method for that could not judge them (with the reason); else undefined
 * (a quiet run stays one line).
 *
 * @example
 * ```ts
 * driftSummary(report, settings); // 'Vigil drift: 2 of 20 features drifted (f1 wasserstein 0.49, …); drift_report.json'
 * ```
 */
export function driftSummary(report: DriftReport, settings: DriftSettings | undefined): string | undefined {
  const judged = Object.values(report.features).filter((f) => f.value !== null).length;
  const drifted = report.drifted_features.map((name) => {
    const verdict = report.features[name];
    return `${name} ${verdict?.method} ${Number(verdict?.value).toPrecision(3)}`;
  });
  const named = Object.keys(settings?.features ?? {});
  const unknown = named.filter((name) => !(name in report.features));
  // A method the user named for a feature that it cannot judge (wrong type, …) is said here, not only in the file.
  const notJudged = named.flatMap((name) => {
    const reason = report.features[name]?.not_computed;
    return reason === undefined ? [] : [`${name} (${reason})`];
  });
  if (drifted.length === 0 && unknown.length === 0 && notJudged.length === 0) return undefined;
  return (
    `Vigil drift: ${drifted.length} of ${judged} features drifted${drifted.length ? ` (${drifted.join(', ')})` : ''}; drift_report.json` +
    (unknown.length ? `; not in the baseline: ${unknown.join(', ')}` : '') +
    (notJudged.length ? `; not judged: ${notJudged.join('; ')}` : '')
  );
}
