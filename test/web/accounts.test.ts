// The overview and the site page list every new-media account with its own verdict: 不合格 on a veto, 有风险 near
// one, 合格, and 未检查 where no new-media survey has run — failing first, and only the accounts a viewer may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seeded, type Seeded } from './helpers.ts';

let s: Seeded;
beforeAll(async () => {
  s = await seeded('', true);
});
afterAll(async () => {
  await s?.close();
});

async function get(user: string, url: string): Promise<string> {
  const { cookie } = await login(s.app, user);
  const res = await s.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.body;
}

const accountRows = (body: string) => [...body.matchAll(/data-account="([^"]+)" data-state="([^"]+)"/g)].map((m) => [m[1], m[2]]);

describe('new-media accounts on the dashboard', () => {
  it('the overview lists every account with its verdict, failing first, and never-surveyed ones as 未检查', async () => {
    const body = await get('boss', '/');
    expect(accountRows(body)).toEqual([
      ['wx', 'fail'],
      ['wb', 'risk'],
      ['jy', 'none'],
      ['dy', 'ok'],
    ]);
    expect(body).toContain('不合格 1 个 · 有风险 1 个 · 合格 1 个 · 未检查 1 个');
    expect(body).toContain('账号已 20 天未更新（最近一次发布 2026-10-31）');
    expect(body).toContain(`/findings?site=county&amp;account=${encodeURIComponent('示范县发布')}`);
  });

  it('an editor sees only the accounts assigned to them, a site owner all of the site’s and no other unit’s', async () => {
    expect(accountRows(await get('zhao', '/'))).toEqual([['wx', 'fail']]);
    expect(accountRows(await get('wang', '/')).map((r) => r[0])).toEqual(['wx', 'wb', 'dy']);
  });

  it('the site page gives each account its verdict and problems, with page text inert', async () => {
    const body = await get('boss', '/sites/county');
    expect(body).toMatch(/data-account="wx">[\s\S]*?不合格[\s\S]*?账号已 20 天未更新/);
    expect(body).toMatch(/data-account="wb">[\s\S]*?有风险/);
    expect(body).not.toContain('<script>window.__pwned');
    expect(body).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  });

  it('the findings page filters by account', async () => {
    const body = await get('boss', `/findings?account=${encodeURIComponent('示范县发布')}`);
    expect(body).toContain(`data-finding="${s.ids.wxStale}"`);
    expect(body).not.toContain(`data-finding="${s.ids.wbWarning}"`);
    expect(body).not.toContain(`data-finding="${s.ids.script}"`);
  });
});
