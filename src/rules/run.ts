// rules stage: running the freshness checks for one site outside a crawl (the `verdict --survey` and `probe`
// commands and the tests), and gathering what the verdict engine needs from storage.
import type { Logger } from 'pino';
import type { Check, CheckServices, FindingDraft, SiteInput } from '../checks/check.ts';
import { availability } from '../checks/availability.ts';
import { columnBlank } from '../checks/column-blank.ts';
import { columnStale } from '../checks/column-stale.ts';
import { columnWarning } from '../checks/column-warning.ts';
import { homepageStale } from '../checks/homepage-stale.ts';
import type { AppConfig, SiteConfig } from '../config/index.ts';
import type { HttpClient } from '../crawl/index.ts';
import { probeUrl } from '../probes/probe.ts';
import type { ProbeRecord, Store } from '../storage/index.ts';
import { indicatorsFor, type FreshnessServices } from './freshness.ts';
import { vetoParam, type Indicators } from './indicators.ts';
import { judgeSite, type SiteVerdict } from './verdict.ts';

/** The checks of this stage, in the order they run. */
export const FRESHNESS_CHECKS: readonly Check[] = [columnStale, columnBlank, columnWarning, homepageStale, availability];

/** Run kinds this stage records; the verdict looks at them (and crawls) to know which checks ran. */
export const RUN_KINDS = ['crawl', 'freshness', 'probe', 'ipv6'] as const;

export interface StageRunOptions {
  store: Store;
  config: AppConfig;
  site: SiteConfig;
  now: Date;
  http: HttpClient;
  log: Logger;
  services?: CheckServices;
}

async function runChecks(kind: string, checks: readonly Check[], o: StageRunOptions): Promise<{ runId: number; findings: FindingDraft[] }> {
  const run = o.store.runs.start(o.site.id, kind, new Date(), o.now, checks.map((c) => c.id));
  const services: CheckServices & FreshnessServices = { ...o.services, snapshots: o.store.snapshots, probes: o.store.probes };
  const ctx = { site: o.site, config: o.config, now: o.now, log: o.log.child({ module: 'freshness', site: o.site.id }), http: o.http, services };
  const input: SiteInput = { runId: run.id, homepage: o.site.homepage, linkTargets: async function* () {} };
  const findings: FindingDraft[] = [];
  try {
    for (const c of checks) findings.push(...((await c.onSite?.(input, ctx)) ?? []));
    o.store.findings.record(o.site.id, run.id, o.now, findings);
    o.store.findings.resolveUnseen(o.site.id, run.id, checks.map((c) => c.id), o.now);
    o.store.runs.finish(run.id, 'done', new Date(), { findings: findings.length });
  } catch (err) {
    o.store.runs.finish(run.id, 'failed', new Date(), {}, (err as Error).message);
    throw err;
  }
  return { runId: run.id, findings };
}

/** Reads the site's columns and homepage now (a run of kind `freshness`), storing snapshots and findings. */
export function runFreshness(o: StageRunOptions): Promise<{ runId: number; findings: FindingDraft[] }> {
  return runChecks('freshness', FRESHNESS_CHECKS, o);
}

/** Probes the homepage once, records the probe, and re-judges availability (a run of kind `probe`). */
export async function runProbe(o: StageRunOptions): Promise<{ probe: ProbeRecord; findings: FindingDraft[] }> {
  const ind = indicatorsFor(o.config, o.services as FreshnessServices);
  const timeoutMs = vetoParam(ind, 'veto.unreachable', 'timeoutSeconds') * 1000;
  const probe = await probeUrl(o.http, o.site.id, o.site.homepage, { timeoutMs, now: o.now });
  o.store.probes.record(probe);
  const { findings } = await runChecks('probe', [availability], { ...o, services: { ...o.services, indicators: ind } });
  return { probe, findings };
}

/** Check ids that have run for a site: the latest finished run of each kind. */
export function checksRunFor(store: Store, siteId: string): string[] {
  const ids = new Set<string>();
  for (const kind of RUN_KINDS) for (const c of store.runs.latestDone(siteId, kind)?.checks ?? []) ids.add(c);
  return [...ids];
}

/** The verdict of a site from what storage holds at `now`. */
export function verdictFromStore(store: Store, config: AppConfig, site: SiteConfig, now: Date, indicators: Indicators, registered?: string[]): SiteVerdict {
  const findings = store.findings.list({ siteId: site.id, status: 'open' });
  const windowDays = vetoParam(indicators, 'veto.unreachable', 'windowDays');
  return judgeSite({
    site,
    now,
    indicators,
    findings,
    probeWindow: store.probes.window(site.id, now, windowDays),
    checksRun: [...new Set([...checksRunFor(store, site.id), ...findings.map((f) => f.check)])],
    ...(registered ? { registered } : {}),
    hasPublicServices: !config.checks.freshness.noPublicServices.includes(site.id),
    snapshots: store.snapshots.latest(site.id, now),
    runs: RUN_KINDS.flatMap((kind) => {
      const r = store.runs.latestDone(site.id, kind);
      return r ? [{ kind, id: r.id, judgedAt: r.judgedAt }] : [];
    }),
  });
}
