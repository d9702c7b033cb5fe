// alerts stage: deciding what to send. Compares the findings and veto items in storage with what each recipient
// has been told (alert state), and writes the resulting messages to the outbox in the same transaction — so a
// crash before the commit decides again identically, and a crash after it leaves the messages to be sent.
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../checks/check.ts';
import { SEVERITIES } from '../checks/check.ts';
import type { AppConfig, SiteConfig } from '../config/index.ts';
import type { SiteVerdict } from '../rules/index.ts';
import type { NewDelivery, Store } from '../storage/index.ts';
import { clean } from './escape.ts';
import { editorNotice, escalation, itemFromFinding, localDate, type AlertItem, type AlertMessage } from './message.ts';
import { routeFinding, routeToEditor, supervisorRoute, type Route } from './routing.ts';

export interface PlanOptions {
  store: Store;
  config: AppConfig;
  now: Date;
  /** Chinese title of each check id (断链 …). */
  checkTitles: Record<string, string>;
  /** The verdict of a site now (for veto escalations); omitted: no escalations. */
  verdict?(site: SiteConfig): SiteVerdict;
  /** Decide and show, but record nothing. */
  dryRun?: boolean;
}

/** A message decided for one recipient and channel. */
export interface PlannedDelivery extends NewDelivery {
  message: AlertMessage;
  /** False when the same message was decided before (not queued again). */
  queued: boolean;
}

export interface PlanResult {
  deliveries: PlannedDelivery[];
  /** Findings that reach no one (no editor, owner or supervisor with a channel). */
  unrouted: Finding[];
}

interface Bucket {
  route: Route;
  fresh: AlertItem[];
  warnings: AlertItem[];
  resolved: AlertItem[];
  subjects: string[];
}

const atLeast = (s: Severity, min: Severity) => SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(min);
const hash = (parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);

class DryRun extends Error {}

/** Decides the alerts due at `now` and queues them in the outbox (unless dryRun). */
export function planAlerts(o: PlanOptions): PlanResult {
  let result: PlanResult = { deliveries: [], unrouted: [] };
  try {
    o.store.alerts.transaction(() => {
      result = decide(o);
      if (o.dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return result;
}

function decide(o: PlanOptions): PlanResult {
  const { store, config, now } = o;
  const tz = config.timeZone;
  const alerts = config.alerts;
  const buckets = new Map<string, Bucket>();
  const unrouted: Finding[] = [];
  const bucket = (route: Route): Bucket => {
    let b = buckets.get(route.recipient.id);
    if (!b) buckets.set(route.recipient.id, (b = { route, fresh: [], warnings: [], resolved: [], subjects: [] }));
    return b;
  };
  const title = (check: string) => o.checkTitles[check] ?? check;
  const openBySubject = new Map<string, string[]>();
  for (const s of store.alerts.openStates()) openBySubject.set(s.subject, [...(openBySubject.get(s.subject) ?? []), s.recipient]);

  for (const site of config.sites) {
    for (const f of store.findings.list({ siteId: site.id, status: 'all' })) {
      const item = (resolvedAt?: Date) => itemFromFinding(f, { siteName: site.name, checkTitle: title(f.check), timeZone: tz, fixWorkingDays: alerts.fixWorkingDays, ...(resolvedAt ? { resolvedAt } : {}) });
      if (f.status === 'resolved') {
        for (const recipient of openBySubject.get(f.id) ?? []) {
          store.alerts.close(f.id, recipient, now);
          // An early warning that ends is no fix (it may have turned into the problem it warned of): no note.
          if (!alerts.resolvedNotices || f.severity === 'warning') continue;
          // The note goes to whoever was told; if they can no longer be reached, where the finding routes now.
          const target = routeToEditor(config, recipient) ?? routeFinding(config, site, f);
          if (!target) continue;
          const b = bucket(target);
          b.resolved.push(item(now));
          b.subjects.push(`resolved:${f.id}:${store.alerts.state(f.id, recipient)?.episode ?? 1}`);
        }
        continue;
      }
      if (!atLeast(f.severity, alerts.minSeverity)) continue;
      const route = routeFinding(config, site, f);
      if (!route) {
        unrouted.push(f);
        continue;
      }
      const prev = store.alerts.state(f.id, route.recipient.id);
      if (prev && prev.closedAt === null) continue;
      const episode = store.alerts.open(f.id, route.recipient.id, f.severity === 'warning' ? 'warning' : 'finding', now);
      const b = bucket(route);
      (f.severity === 'warning' ? b.warnings : b.fresh).push(item());
      b.subjects.push(`open:${f.id}:${episode}`);
    }
  }

  const deliveries: PlannedDelivery[] = [];
  const queue = (route: Route, kind: string, keyBase: string, subjects: string[], message: AlertMessage) => {
    for (const ch of route.channels) {
      const d: NewDelivery = { dedupeKey: `${keyBase}:${ch.key}`, kind, recipient: route.recipient.id, channel: ch.key, address: describe(ch.config, route), subjects, message };
      const queued = store.alerts.enqueue(d, now);
      deliveries.push({ ...d, message, queued });
    }
  };

  const date = localDate(now, tz);
  for (const b of buckets.values()) {
    if (!b.fresh.length && !b.warnings.length && !b.resolved.length) continue;
    const stillOpen = store.alerts.openStates().filter((s) => s.recipient === b.route.recipient.id && !s.subject.startsWith('veto')).length;
    const message = editorNotice({ recipientName: b.route.recipient.name, date, fresh: b.fresh, warnings: b.warnings, resolved: b.resolved, stillOpen, decidedAt: now });
    queue(b.route, 'notice', `notice:${b.route.recipient.id}:${hash(b.subjects.sort())}`, b.subjects.map((s) => s.split(':')[1]!), message);
  }

  const supervisor = supervisorRoute(config);
  if (supervisor && o.verdict) {
    for (const site of config.sites) {
      const verdict = o.verdict(site);
      for (const v of verdict.vetoes) {
        for (const [subject, active, triggered] of [
          [`veto:${site.id}:${v.id}`, v.status === 'triggered', true],
          [`vetowarn:${site.id}:${v.id}`, v.status !== 'triggered' && Boolean(v.warning), false],
        ] as const) {
          const prev = store.alerts.state(subject, supervisor.recipient.id);
          if (!active) {
            if (prev && prev.closedAt === null) store.alerts.close(subject, supervisor.recipient.id, now);
            continue;
          }
          if (prev && prev.closedAt === null) continue;
          const episode = store.alerts.open(subject, supervisor.recipient.id, 'veto', now);
          const byId = new Map(store.findings.list({ siteId: site.id }).map((f) => [f.id, f]));
          const evidence = v.evidence.flatMap((e) => {
            const f = e.findingId ? byId.get(e.findingId) : undefined;
            return f ? [itemFromFinding(f, { siteName: site.name, checkTitle: title(f.check), timeZone: tz, fixWorkingDays: alerts.fixWorkingDays })] : [];
          });
          const lines = v.evidence.filter((e) => !e.findingId).map((e) => `${e.text}${e.url ? ` ${e.url}` : ''}`);
          const message = escalation({
            recipientName: supervisor.recipient.name,
            siteName: site.name,
            siteUrl: site.homepage,
            vetoName: v.name,
            triggered,
            summary: triggered ? v.summary : (v.warning ?? v.summary),
            evidence,
            lines,
            decidedAt: now,
          });
          queue(supervisor, triggered ? 'escalation' : 'veto-warning', `${subject}:${episode}`, [subject], message);
        }
      }
    }
  }
  return { deliveries, unrouted };
}

function describe(c: Route['channels'][number]['config'], route: Route): string {
  if (c.type === 'email') return c.to ?? route.recipient.email ?? '(no address)';
  return `${c.type} (${c.type === 'webhook' ? c.urlEnv : c.webhookEnv})`;
}

/** A one-line summary of a planned delivery for `govhealth alerts`. */
export function describeDelivery(d: PlannedDelivery): string {
  return `${d.recipient}\t${d.address}\t${d.kind}\t${clean(d.message.title, 120)}`;
}
