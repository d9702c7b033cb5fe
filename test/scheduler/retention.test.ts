import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/storage/index.ts';

describe('retention clean-up', () => {
  it('removes old runs (keeping the newest of each site and kind), old probes, sent alerts and job runs; keeps findings', () => {
    const store = Store.open(mkdtempSync(join(tmpdir(), 'govhealth-retention-')));
    const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000);
    const old1 = store.runs.start('s', 'crawl', day(0), day(0), []);
    store.findings.record('s', old1.id, day(0), [{ check: 'link.broken', key: 'k', severity: 'error', url: 'http://s.test/', evidence: {} }]);
    store.runs.finish(old1.id, 'done', day(0), {});
    const old2 = store.runs.start('s', 'crawl', day(1), day(1), []);
    store.runs.finish(old2.id, 'done', day(1), {});
    const onlyProbe = store.runs.start('s', 'probe', day(1), day(1), []);
    store.runs.finish(onlyProbe.id, 'done', day(1), {});
    store.probes.record({ siteId: 's', url: 'http://s.test/', probedAt: day(1), ok: true });
    store.probes.record({ siteId: 's', url: 'http://s.test/', probedAt: day(500), ok: true });
    store.alerts.enqueue({ dedupeKey: 'a', kind: 'notice', recipient: 'w', channel: 'w#email', address: 'w@x', subjects: [], message: {} }, day(1));
    store.alerts.markSent(1, day(1));
    store.alerts.enqueue({ dedupeKey: 'b', kind: 'notice', recipient: 'w', channel: 'w#email', address: 'w@x', subjects: [], message: {} }, day(1));
    const job = store.alerts.startJob('crawl', day(1), day(1));
    store.alerts.finishJob(job, 'done', day(1));

    const removed = store.alerts.pruneBefore(day(100));
    expect(removed).toEqual({ runs: 1, probes: 1, deliveries: 1, jobRuns: 1 });
    expect(store.runs.get(old1.id)).toBeUndefined();
    expect(store.runs.get(old2.id)).toBeDefined();
    expect(store.runs.get(onlyProbe.id)).toBeDefined();
    // The undelivered alert stays until it is sent or given up.
    expect(store.alerts.list().map((d) => d.dedupeKey)).toEqual(['b']);
    expect(store.findings.list({ status: 'all' })).toHaveLength(1);
    store.close();
  });
});
