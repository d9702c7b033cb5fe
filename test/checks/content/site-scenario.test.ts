// The crawl-level content scenario, run through the checks directly with storage's merge rule (same key → one
// finding, pages counted): exactly the expected findings — the contract a crawl of the fixture must meet.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS, type FindingDraft } from '../../../src/checks/index.ts';
import { ATTACHMENT_FILES, EXPECTED, PAGES } from '../../fixtures/content/site-pages.ts';
import { context, page, service } from './helpers.ts';

const ORIGIN = 'http://www.demo.test';
const DIR = new URL('../../fixtures/content/', import.meta.url).pathname;

describe('content scenario for crawl-level tests', () => {
  it('yields exactly the expected findings, a repeated footer once with its page count', async () => {
    const ctx = context(service());
    const content = CHECKS.filter((c) => c.group === 'content');
    const drafts: FindingDraft[] = [];
    for (const p of PAGES) for (const c of content) if (c.onPage) drafts.push(...c.onPage(page(ORIGIN + p.path, p.html), ctx));
    for (const f of ATTACHMENT_FILES) {
      const doc = { url: `${ORIGIN}/content/files/${f}`, linkedFrom: ORIGIN + PAGES[0]!.path, contentType: '', body: readFileSync(DIR + f) };
      for (const c of content) if (c.onAttachment) drafts.push(...(await c.onAttachment(doc, ctx)));
    }
    const merged = new Map<string, { d: FindingDraft; pages: Set<string> }>();
    for (const d of drafts) {
      const m = merged.get(d.key) ?? { d, pages: new Set<string>() };
      m.pages.add(d.url);
      merged.set(d.key, m);
    }
    const got = [...merged.values()].map(({ d, pages }) => {
      const e = d.evidence;
      const text = e.outcome === 'skipped' ? 'skipped' : String(e.masked ?? e.wrong ?? e.term ?? e.marking);
      return `${d.check}|${d.severity}|${text}|${d.url.replace(ORIGIN, '')}|${pages.size}`;
    });
    const want = EXPECTED.map((e) => `${e.check}|${e.severity}|${e.text}|${e.path}|${e.pageCount}`);
    expect(got.sort()).toEqual(want.sort());
  });
});
