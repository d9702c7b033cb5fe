import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FindingDraft } from '../../src/checks/index.ts';
import { Store } from '../../src/storage/index.ts';

const draft = (url: string, extra: Partial<FindingDraft> = {}): FindingDraft => ({
  check: 'link.broken',
  key: 'http://x.test/missing',
  severity: 'error',
  url,
  target: 'http://x.test/missing',
  evidence: { status: 404 },
  ...extra,
});

describe('finding store', () => {
  const open = () => Store.open(mkdtempSync(join(tmpdir(), 'gh-store-')));

  it('merges one problem seen on many pages into one finding with a page count, homepage first', () => {
    const store = open();
    const run = store.runs.start('s', 'crawl', new Date(), new Date('2026-11-20T00:00:00Z'), ['link.broken']);
    store.findings.record('s', run.id, new Date('2026-11-20T00:00:00Z'), [draft('http://s.test/a'), draft('http://s.test/', { onHomepage: true }), draft('http://s.test/b')]);
    const [f] = store.findings.list();
    expect(f).toMatchObject({ url: 'http://s.test/', onHomepage: true, pageCount: 3, status: 'open' });
    expect(store.findings.pages(f!.id, run.id)).toEqual(['http://s.test/', 'http://s.test/a', 'http://s.test/b']);
  });

  it('keeps the id across runs, updates lastSeen, resolves what is gone and reopens what comes back', () => {
    const store = open();
    const d1 = new Date('2026-11-20T00:00:00Z');
    const d2 = new Date('2026-11-21T00:00:00Z');
    const d3 = new Date('2026-11-22T00:00:00Z');
    const r1 = store.runs.start('s', 'crawl', d1, d1, ['link.broken']);
    const [id1] = store.findings.record('s', r1.id, d1, [draft('http://s.test/a')]);
    const r2 = store.runs.start('s', 'crawl', d2, d2, ['link.broken']);
    const [id2] = store.findings.record('s', r2.id, d2, [draft('http://s.test/a')]);
    expect(id2).toBe(id1);
    expect(store.findings.get(id1!)).toMatchObject({ firstSeen: d1.toISOString(), lastSeen: d2.toISOString(), status: 'open' });
    const r3 = store.runs.start('s', 'crawl', d3, d3, ['link.broken']);
    expect(store.findings.resolveUnseen('s', r3.id, ['link.broken'], d3)).toEqual([id1]);
    expect(store.findings.list()).toEqual([]);
    expect(store.findings.list({ status: 'resolved' })).toHaveLength(1);
    store.findings.record('s', r3.id, d3, [draft('http://s.test/a')]);
    expect(store.findings.get(id1!)).toMatchObject({ status: 'open', firstSeen: d1.toISOString() });
  });

  it('counts the pages of a problem recorded page by page, across calls and runs, once per page', () => {
    const store = open();
    const d = new Date('2026-11-20T00:00:00Z');
    const r1 = store.runs.start('s', 'crawl', d, d, ['link.broken']);
    for (const page of ['a', 'b', 'a', 'c']) store.findings.record('s', r1.id, d, [draft(`http://s.test/${page}`)]);
    const [f] = store.findings.list();
    expect(f!.pageCount).toBe(3);
    const r2 = store.runs.start('s', 'crawl', d, d, ['link.broken']);
    store.findings.record('s', r2.id, d, [draft('http://s.test/b'), draft('http://s.test/b')]);
    expect(store.findings.get(f!.id)!.pageCount).toBe(1);
    store.findings.record('s', r2.id, d, [draft('http://s.test/d')]);
    expect(store.findings.get(f!.id)!.pageCount).toBe(2);
  });

  it('does not resolve findings of checks that did not run', () => {
    const store = open();
    const d = new Date('2026-11-20T00:00:00Z');
    const r1 = store.runs.start('s', 'crawl', d, d, []);
    store.findings.record('s', r1.id, d, [draft('http://s.test/a', { check: 'typo.serious', key: 'k' })]);
    const r2 = store.runs.start('s', 'crawl', d, d, []);
    expect(store.findings.resolveUnseen('s', r2.id, ['link.broken'], d)).toEqual([]);
  });
});
