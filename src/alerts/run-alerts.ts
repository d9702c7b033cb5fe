// alerts stage: one alert pass — decide (plan) then send what is due (deliver). Run after every crawl, probe and
// IPv6 run by the service, or by `govhealth alerts`.
import type { AppConfig } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import { FRESHNESS_CHECKS, indicatorsFor, verdictFromStore, type Indicators } from '../rules/index.ts';
import type { Store } from '../storage/index.ts';
import { deliverDue, type DeliverResult } from './deliver.ts';
import { planAlerts, type PlanResult } from './plan.ts';
import { checkAlertsConfig } from './routing.ts';

export interface RunAlertsOptions {
  store: Store;
  config: AppConfig;
  now: Date;
  log: Logger;
  env: Record<string, string | undefined>;
  dryRun?: boolean;
  clock?(): number;
  /** The indicators (loaded from config/indicators.yaml when not given; a service passes them once). */
  indicators?: Indicators;
  /** Chinese titles of the check ids (read from the registries when not given). */
  checkTitles?: Record<string, string>;
}

export interface AlertsRunResult {
  plan: PlanResult;
  /** Undefined on a dry run. */
  delivery?: DeliverResult;
}

/** Chinese titles of the registered checks (the registry is imported lazily: it loads dictionaries). */
export async function checkTitles(): Promise<Record<string, string>> {
  const titles: Record<string, string> = Object.fromEntries(FRESHNESS_CHECKS.map((c) => [c.id, c.title]));
  try {
    const { CHECKS } = await import('../checks/index.ts');
    for (const c of CHECKS) titles[c.id] = c.title;
  } catch {
    // Without the registry the check ids are shown as they are.
  }
  return titles;
}

/** Decides and sends the alerts due at `now`. A dry run decides and records nothing. */
export async function runAlerts(o: RunAlertsOptions): Promise<AlertsRunResult> {
  checkAlertsConfig(o.config);
  if (!o.config.alerts.enabled) {
    o.log.info({ module: 'alerts' }, 'alerts.enabled is false: nothing decided or sent');
    return { plan: { deliveries: [], unrouted: [] } };
  }
  const indicators = o.indicators ?? indicatorsFor(o.config);
  const plan = planAlerts({
    store: o.store,
    config: o.config,
    now: o.now,
    checkTitles: o.checkTitles ?? (await checkTitles()),
    verdict: (site) => verdictFromStore(o.store, o.config, site, o.now, indicators),
    dryRun: o.dryRun,
  });
  if (plan.unrouted.length) o.log.warn({ module: 'alerts', findings: plan.unrouted.length }, 'findings reach nobody: set an editor, the site owner or alerts.supervisor');
  if (o.dryRun) return { plan };
  const delivery = await deliverDue(o);
  return { plan, delivery };
}
