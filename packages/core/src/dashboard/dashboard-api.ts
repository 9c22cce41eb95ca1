import type { AuditVerification } from '../audit/verify.ts';
import type { VigilConfig } from '../config/schema.ts';
import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import { MONITOR_FOLDER, type MonitoringType } from '../monitors/names.ts';
import { configThresholds } from './config-thresholds.ts';
import { incidentTimeline } from './incident-timeline.ts';
import { indexedMonitors, monitorSeries } from './monitor-series.ts';
import { type RegistrySources, registryView } from './registry-view.ts';
import type { RunSummary } from './run-summary.ts';

/** What the dashboard reads: Vigil's store, its configuration, the registry, cards and audit log. */
export interface DashboardSources extends RegistrySources {
  config: Pick<VigilConfig, 'endpoints'>;
  /** Key prefix of Vigil's data in the store; default ''. */
  prefix?: string;
  /** Verifies the audit log against its published heads; absent when the audit log is not readable here. */
  verifyAudit?: () => Promise<AuditVerification>;
}

/** A response of the dashboard's read-only API. */
export interface DashboardResponse {
  status: number;
  contentType: string;
  body: string | Uint8Array;
}

/** The store prefixes whose files the API hands out as they are (report files, for run links). */
export const SERVED_FILE_PREFIXES = ['reports/'] as const;

const MONITORING_TYPES = new Set<string>(Object.keys(MONITOR_FOLDER));

/**
 * Answers one GET of the dashboard's read-only API, the same locally (`vigil ui`) and in AWS
 * (the dashboard-api Lambda): `/api/overview`, `/api/series/{endpoint}/{monitoringType}`,
 * `/api/incidents`, `/api/registry`, `/api/audit`, and `/api/files/{key}` for report files.
 * Everything comes from the run indexes and a few small state objects, never a scan of reports.
 *
 * @example
 * ```ts
 * const response = await dashboardResponse(sources, '/api/series/churn/ModelQuality');
 * JSON.parse(String(response.body)).runs.length;
 * ```
 */
export async function dashboardResponse(sources: DashboardSources, path: string): Promise<DashboardResponse> {
  const parts = path
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map(decodeURIComponent);
  if (parts[0] !== 'api') return notFound(`No such API path ${path}: paths start with /api/`);
  const route = parts[1];
  if (route === 'overview' && parts.length === 2) return json(await overview(sources));
  if (route === 'series' && parts.length === 4) {
    const [, , endpoint, monitoringType] = parts as [string, string, string, string];
    if (!MONITORING_TYPES.has(monitoringType))
      return notFound(
        `Unknown monitoring type ${monitoringType}: one of ${[...MONITORING_TYPES].join(', ')}`,
      );
    const configured = sources.config.endpoints.find((entry) => entry.name === endpoint);
    const thresholds = configured
      ? await configThresholds(sources.store, configured, monitoringType as MonitoringType)
      : {};
    return json(
      await monitorSeries(sources.store, endpoint, monitoringType as MonitoringType, {
        prefix: sources.prefix,
        thresholds,
      }),
    );
  }
  if (route === 'incidents' && parts.length === 2)
    return json({ events: await incidentTimeline(sources.store) });
  if (route === 'registry' && parts.length === 2)
    return json({ versions: await registryView(sources, groups(sources)) });
  if (route === 'audit' && parts.length === 2) {
    if (!sources.verifyAudit) return json({ available: false });
    const result = await sources.verifyAudit();
    return json({
      available: true,
      ok: result.ok,
      recordCount: result.recordCount,
      head: result.head,
      publishedHead: result.publishedHead,
      problems: result.problems,
    });
  }
  if (route === 'files' && parts.length > 2) {
    const key = parts.slice(2).join('/');
    if (key.split('/').includes('..') || !SERVED_FILE_PREFIXES.some((prefix) => key.startsWith(prefix)))
      return notFound(`Only report files are served (keys under ${SERVED_FILE_PREFIXES.join(', ')})`);
    try {
      return { status: 200, contentType: contentTypeOf(key), body: await sources.store.get(key) };
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return notFound(`No report file ${key}`);
      throw error;
    }
  }
  return notFound(`No such API path ${path}`);
}

/** How many of a monitor's latest runs the overview counts violations and failures in (a day of hourly runs). */
const RECENT_RUNS = 24;

/** The overview: every endpoint, its variants, and each monitor's latest run and recent record. */
async function overview(sources: DashboardSources) {
  const indexed = await indexedMonitors(sources.store, sources.prefix);
  const names = [
    ...new Set([...sources.config.endpoints.map((e) => e.name), ...indexed.map((i) => i.endpoint)]),
  ];
  const endpoints = [];
  for (const name of names) {
    const monitors: {
      monitoringType: string;
      runCount: number;
      recent: { runs: number; violating: number; failed: number };
      last?: RunSummary;
    }[] = [];
    const variants = new Set<string>();
    for (const { monitoringType } of indexed.filter((i) => i.endpoint === name)) {
      const { runs } = await monitorSeries(sources.store, name, monitoringType, { prefix: sources.prefix });
      for (const run of runs) if (run.variantName) variants.add(run.variantName);
      const recent = runs.slice(-RECENT_RUNS);
      monitors.push({
        monitoringType,
        runCount: runs.length,
        recent: {
          runs: recent.length,
          violating: recent.filter((run) => run.status === 'CompletedWithViolations').length,
          failed: recent.filter((run) => run.status === 'Failed').length,
        },
        ...(runs.length ? { last: runs.at(-1) } : {}),
      });
    }
    const configured = sources.config.endpoints.find((e) => e.name === name);
    if (configured?.variant) variants.add(configured.variant);
    endpoints.push({
      name,
      variants: [...variants].sort(),
      monitors,
      ...(configured?.modelPackageGroup ? { modelPackageGroup: configured.modelPackageGroup } : {}),
    });
  }
  return { location: sources.store.location, endpoints, groups: groups(sources) };
}

function groups(sources: DashboardSources): string[] {
  return [
    ...new Set(
      sources.config.endpoints.flatMap((endpoint) =>
        endpoint.modelPackageGroup ? [endpoint.modelPackageGroup] : [],
      ),
    ),
  ];
}

function json(value: unknown): DashboardResponse {
  return { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

function notFound(message: string): DashboardResponse {
  return {
    status: 404,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ error: message }),
  };
}

function contentTypeOf(key: string): string {
  if (key.endsWith('.html')) return 'text/html; charset=utf-8';
  if (key.endsWith('.json')) return 'application/json; charset=utf-8';
  if (key.endsWith('.csv')) return 'text/csv; charset=utf-8';
  return 'application/octet-stream';
}
