// Dashboard pages over app.inject: crawled text rendered inert, CSV export, false positives fed back as an
// allow-list the crawl's storage honours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTR, login, NOW, SCRIPT, seeded, type Seeded } from './helpers.ts';

let s: Seeded;
let cookie: string;
let csrf: string;
beforeAll(async () => {
  s = await seeded();
  ({ cookie, csrf } = await login(s.app, 'boss'));
});
afterAll(async () => {
  await s?.close();
});

async function get(url: string) {
  const res = await s.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res;
}

describe('text from crawled pages', () => {
  for (const url of ['/', '/sites/county', '/findings', '/findings?site=county&check=link.broken']) {
    it(`renders a planted <script> and attribute-breaking text inert on ${url}`, async () => {
      const res = await get(url);
      expect(res.body).not.toContain('<script>window.__pwned');
      expect(res.body).not.toContain('" onmouseover="');
      if (url !== '/') {
        expect(res.body).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
        expect(res.body).toContain('&quot; onmouseover=&quot;window.__pwned=2&quot; x=&quot;');
      }
    });
  }

  it('never turns a javascript: target into a link', async () => {
    const res = await get('/findings?site=county&check=link.wrong');
    expect(res.body).toContain('javascript:alert(1)');
    expect(res.body).not.toMatch(/href="javascript:/i);
  });

  it('sends a CSP that allows only this response’s inline style and script', async () => {
    const res = await get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(res.body).not.toMatch(/<(link|script)[^>]+(src|href)="https?:/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('overview and site page', () => {
  it('lists failing sites before healthy ones', async () => {
    const res = await get('/');
    const order = [...res.body.matchAll(/data-site="([^"]+)" data-state="([^"]+)"/g)].map((m) => m[2]);
    const rank = { fail: 0, risk: 1, none: 2, ok: 3 } as Record<string, number>;
    expect(order.map((x) => rank[x!])).toEqual([...order.map((x) => rank[x!])].sort());
  });

  it('filters the overview by level', async () => {
    const res = await get('/?level=%E9%83%A8%E9%97%A8');
    expect(res.body).toContain('data-site="dept"');
    expect(res.body).not.toContain('data-site="county"');
  });

  it('answers 404 for an unknown site, as a page', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/sites/nope', headers: { cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('findings page', () => {
  it('filters by check and severity', async () => {
    const res = await get('/findings?check=typo.serious&severity=warning');
    expect(res.body).toContain(`data-finding="${s.ids.formula}"`);
    expect(res.body).not.toContain(`data-finding="${s.ids.script}"`);
  });

  it('filters by responsible editor (column editor, else site owner)', async () => {
    const zhao = await get('/findings?editor=zhao');
    expect(zhao.body).toContain(`data-finding="${s.ids.jsUrl}"`);
    expect(zhao.body).not.toContain(`data-finding="${s.ids.script}"`);
    const wang = await get('/findings?editor=wang');
    expect(wang.body).toContain(`data-finding="${s.ids.script}"`);
  });

  it('exports the filtered findings as CSV with formulas neutralised', async () => {
    const res = await get('/findings.csv?site=county');
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="findings-2026-11-20\.csv"/);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(res.body.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(res.body).not.toContain('教育局');
  });

  it('marks a false positive with its reason; the next run does not record it again and it is resolved', async () => {
    const id = s.ids.formula!;
    const res = await s.app.inject({
      method: 'POST',
      url: `/findings/${id}/false-positive`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      payload: new URLSearchParams({ _csrf: csrf, reason: '这是引用的原文', back: '/findings?site=county' }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/findings?site=county');
    expect(s.store.marks.get(id)).toMatchObject({ kind: 'false-positive', reason: '这是引用的原文', userName: 'boss' });
    expect((await get('/findings?site=county')).body).toContain('已标记误报');

    // The next crawl reports the same problem again: storage drops it, and the unseen finding is resolved.
    const f = s.store.findings.get(id)!;
    const next = new Date(NOW.getTime() + 86400_000);
    const run = s.store.runs.start('county', 'crawl', next, next, ['typo.serious']);
    const recorded = s.store.findings.record('county', run.id, next, [{ check: f.check, key: f.key, severity: f.severity, url: f.url, evidence: f.evidence }]);
    expect(recorded).toEqual([]);
    s.store.findings.resolveUnseen('county', run.id, ['typo.serious'], next);
    expect(s.store.findings.get(id)!.status).toBe('resolved');
    expect((await get('/findings?site=county')).body).not.toContain(`data-finding="${id}"`);
    expect((await get('/findings?status=false-positive')).body).toContain(`data-finding="${id}"`);
  });

  it('asks for a reason before marking a false positive', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: `/findings/${s.ids.script}/false-positive`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      payload: new URLSearchParams({ _csrf: csrf, reason: '  ' }).toString(),
    });
    expect(res.statusCode).toBe(400);
    expect(s.store.marks.get(s.ids.script!)).toBeUndefined();
  });
});
