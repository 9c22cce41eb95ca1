import { modelCardNameFor } from '../cards/names.ts';
import type { ModelCardStore } from '../ports/model-card-store.ts';
import type { ModelRegistry } from '../ports/model-registry.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { type CardCompleteness, cardCompleteness } from './card-completeness.ts';
import { listKeys, readJsonObject } from './read-json.ts';

/** One gate or manual decision on a version, as the registry page shows it. */
export interface DecisionView {
  id: string;
  decidedAt: string;
  outcome: string;
  approvalStatus: string;
  /** Who decided: the gate (`registry-gate`) or the person who approved or rejected by hand. */
  decidedBy: string;
  failedRules: { rule: string; detail: string }[];
  ruleCount: number;
}

/** One model package version with its decisions and its card. */
export interface VersionView {
  group: string;
  version: number;
  arn?: string;
  /** The registry's status now (a rollback may have rejected an approved version since). */
  approvalStatus?: string;
  lastModifiedBy?: string;
  createdAt?: string;
  decisions: DecisionView[];
  card?: { name: string; version: number; status: string; completeness: CardCompleteness };
}

/** Where the registry page reads from: Vigil's store (decisions), the registry and the card store. */
export interface RegistrySources {
  store: ObjectStore;
  registry?: ModelRegistry;
  cards?: ModelCardStore;
}

/**
 * Every version of the given model package groups, newest first: its status and who last
 * changed it (from the registry, when one is given), each decision under
 * `governance/decisions/{group}/v{n}/` with the rules that failed and who decided, and its model
 * card's completeness.
 *
 * @example
 * ```ts
 * const versions = await registryView({ store, registry, cards }, ['seattle-rain']);
 * versions[0].decisions[0].failedRules;
 * ```
 */
export async function registryView(
  sources: RegistrySources,
  groups: readonly string[],
): Promise<VersionView[]> {
  const views: VersionView[] = [];
  for (const group of groups) {
    const byVersion = new Map<number, VersionView>();
    const view = (version: number): VersionView => {
      let found = byVersion.get(version);
      if (!found) {
        found = { group, version, decisions: [] };
        byVersion.set(version, found);
      }
      return found;
    };
    for (const key of await listKeys(sources.store, `governance/decisions/${group}/`)) {
      const match = /\/v(\d+)\/[^/]+\.json$/.exec(key);
      const record = match ? await readJsonObject(sources.store, key) : undefined;
      if (!match || !record) continue;
      const rules = Array.isArray(record.rules) ? (record.rules as Record<string, unknown>[]) : [];
      const trigger = record.trigger as Record<string, unknown> | undefined;
      const target = view(Number(match[1]));
      target.arn ??= typeof record.modelPackageArn === 'string' ? record.modelPackageArn : undefined;
      target.decisions.push({
        id: String(record.id ?? key),
        decidedAt: String(record.decidedAt ?? ''),
        outcome: String(record.outcome ?? ''),
        approvalStatus: String(record.approvalStatus ?? ''),
        decidedBy: String(trigger?.actor ?? 'unknown'),
        failedRules: rules
          .filter((rule) => rule.passed === false)
          .map((rule) => ({ rule: String(rule.rule), detail: String(rule.detail ?? '') })),
        ruleCount: rules.length,
      });
    }
    if (sources.registry) {
      for (const summary of await sources.registry.list(group)) {
        const target = view(summary.version);
        const pkg = await sources.registry.describe(summary.arn);
        target.arn = summary.arn;
        target.approvalStatus = pkg.approvalStatus;
        target.createdAt = pkg.creationTime;
        if (pkg.lastModifiedBy) target.lastModifiedBy = pkg.lastModifiedBy;
      }
    }
    if (sources.cards) {
      for (const target of byVersion.values()) {
        const name = modelCardNameFor(group, target.version);
        const card = await sources.cards.get(name);
        if (card)
          target.card = {
            name,
            version: card.version,
            status: card.status,
            completeness: cardCompleteness(card.content),
          };
      }
    }
    views.push(...[...byVersion.values()].sort((a, b) => b.version - a.version));
  }
  return views;
}
