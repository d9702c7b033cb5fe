import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinkOccurrence } from '../../src/checks/index.ts';
import { Store } from '../../src/storage/index.ts';

const HOME = 'http://s.test/';
const at = new Date('2026-11-20T00:00:00Z');
const link = (target: string, extra: Partial<LinkOccurrence> = {}): LinkOccurrence => ({ target, raw: target, tag: 'a', anchor: target.slice(-1), ...extra });

describe('page store', () => {
  const open = () => Store.open(mkdtempSync(join(tmpdir(), 'gh-pages-')));
  const page = (url: string, depth = 1) => ({ url, status: 200, depth, renderedBy: 'http' as const, fetchedAt: at });

  it('summarises link targets: page count, homepage first then page URL in locale order, hidden occurrences apart', () => {
    const store = open();
    const run = store.runs.start('s', 'crawl', at, at, []);
    const target = 'http://x.test/t';
    // Recorded in crawl order; pages with upper case and punctuation sort differently by bytes and by locale.
    const sources = ['http://s.test/b-2.html', 'http://s.test/B.html', 'http://s.test/a_1.html', 'http://s.test/a/1.html', 'http://s.test/c.html', 'http://s.test/d.html', HOME];
    for (const s of sources) {
      store.pages.recordPage(run.id, page(s, s === HOME ? 0 : 1), [
        link(target, s.endsWith('c.html') ? { hidden: 'display:none' } : {}),
        link(target, { tag: 'img', anchor: 'icon' }),
        link('http://s.test/only-home', {}),
      ].filter((l) => s === HOME || l.target !== 'http://s.test/only-home'));
    }
    store.pages.recordPage(run.id, page('http://s.test/c.html'), [link(target, { anchor: 'again' })]);
    expect(store.pages.summariseTargets(run.id, HOME)).toBe(2);
    expect(store.pages.unprobedTargets(run.id).sort()).toEqual(['http://s.test/only-home', target]);
    store.pages.recordTarget(run.id, { url: target, outcome: 'fetched', status: 404 });
    expect(store.pages.unprobedTargets(run.id)).toEqual(['http://s.test/only-home']);

    const [home, t] = store.pages.targetBatch(run.id, '', 10);
    expect(home).toMatchObject({ target: 'http://s.test/only-home', pageCount: 1, onHomepage: true, firstSource: HOME, facts: undefined });
    const byLocale = [...sources].filter((s) => s !== HOME).sort((a, b) => a.localeCompare(b));
    const expected = [HOME, HOME, byLocale[0], byLocale[0], byLocale[1]];
    expect(t).toMatchObject({ target, pageCount: sources.length, onHomepage: true, firstSource: HOME, facts: { status: 404 } });
    expect(t!.occurrences.map((o) => o.page)).toEqual(expected);
    // The same page carries the link as <a> and <img>: kept in tag order.
    expect(t!.occurrences.slice(0, 2).map((o) => o.tag)).toEqual(['a', 'img']);
    expect(t!.hiddenOccurrences).toEqual([{ page: 'http://s.test/c.html', anchor: 't', tag: 'a', hidden: 'display:none' }]);
    expect(store.pages.targetBatch(run.id, target, 10)).toEqual([]);
  });

  it('replaces a run summary when it is built again (a resumed run)', () => {
    const store = open();
    const run = store.runs.start('s', 'crawl', at, at, []);
    store.pages.recordPage(run.id, page(HOME, 0), [link('http://s.test/1')]);
    store.pages.summariseTargets(run.id, HOME);
    store.pages.recordPage(run.id, page('http://s.test/1'), [link('http://s.test/2'), link('http://s.test/1')]);
    expect(store.pages.summariseTargets(run.id, HOME)).toBe(2);
    expect(store.pages.targetBatch(run.id, '', 10).map((t) => [t.target, t.pageCount])).toEqual([
      ['http://s.test/1', 2],
      ['http://s.test/2', 1],
    ]);
  });

  it('gives the links of a page and the frontier of an unfinished run', () => {
    const store = open();
    const run = store.runs.start('s', 'crawl', at, at, []);
    store.pages.recordPage(run.id, page(HOME, 0), [link('http://s.test/1'), link('http://s.test/2'), link('http://s.test/i.png', { tag: 'img' })]);
    store.pages.recordPage(run.id, page('http://s.test/1'), [link('http://s.test/3')]);
    expect(store.pages.linksFrom(run.id, HOME).map((l) => l.targetUrl).sort()).toEqual(['http://s.test/1', 'http://s.test/2', 'http://s.test/i.png']);
    expect(store.pages.frontier(run.id)).toEqual([
      { url: 'http://s.test/2', depth: 1 },
      { url: 'http://s.test/3', depth: 2 },
    ]);
  });
});
