// Dashboard login, sessions, CSRF and the editor's scope, over app.inject.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/web/index.ts';
import { cookiesOf, csrfOf, form, login, NOW, PASSWORD, seeded, type Seeded } from './helpers.ts';

let s: Seeded;
beforeAll(async () => {
  s = await seeded();
});
afterAll(async () => {
  await s?.close();
});

describe('login', () => {
  it('sends a visitor without a session to the login page, keeping where they were going', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/findings?site=county' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Ffindings%3Fsite%3Dcounty');
  });

  it('refuses a wrong password with 401 and sets no session', async () => {
    const page = await s.app.inject({ method: 'GET', url: '/login' });
    const res = await s.app.inject({
      method: 'POST',
      url: '/login',
      ...form({ _csrf: csrfOf(page.body), name: 'boss', password: 'wrong password' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `gh_prelogin=${cookiesOf(page).gh_prelogin}` },
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('用户名或密码错误');
    expect(cookiesOf(res).gh_session).toBeUndefined();
  });

  it('gives an HttpOnly SameSite session cookie (not Secure over plain HTTP) on the right password', async () => {
    const page = await s.app.inject({ method: 'GET', url: '/login' });
    const res = await s.app.inject({
      method: 'POST',
      url: '/login',
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), name: 'boss', password: PASSWORD, next: '//evil.test/' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `gh_prelogin=${cookiesOf(page).gh_prelogin}` },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const c = res.cookies.find((x) => x.name === 'gh_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(c.secure).toBeFalsy();
    // Only the hash of the session id is stored.
    expect(JSON.stringify(s.store.db.prepare('SELECT * FROM web_sessions').all())).not.toContain(c.value);
  });

  it('refuses logins for a while after five wrong passwords, even the right one', async () => {
    s.store.users.upsert({ name: 'guessed', role: 'supervisor', passwordHash: await hashPassword(PASSWORD) }, NOW);
    const attempt = async (password: string) => {
      const page = await s.app.inject({ method: 'GET', url: '/login' });
      return s.app.inject({
        method: 'POST',
        url: '/login',
        payload: new URLSearchParams({ _csrf: csrfOf(page.body), name: 'guessed', password }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `gh_prelogin=${cookiesOf(page).gh_prelogin}` },
      });
    };
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}`)).statusCode).toBe(401);
    const locked = await attempt(PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(cookiesOf(locked).gh_session).toBeUndefined();
  });

  it('refuses a login form posted without the pre-login CSRF cookie', async () => {
    const page = await s.app.inject({ method: 'GET', url: '/login' });
    const res = await s.app.inject({ method: 'POST', url: '/login', ...form({ _csrf: csrfOf(page.body), name: 'boss', password: PASSWORD }) });
    expect(res.statusCode).toBe(403);
  });

  it('sets Secure cookies when configured to always', async () => {
    const secure = await seeded('web: { secureCookies: always }');
    try {
      const page = await secure.app.inject({ method: 'GET', url: '/login' });
      expect(page.cookies.find((c) => c.name === 'gh_prelogin')!.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('stores passwords as scrypt hashes, never in clear', () => {
    const hash = s.store.users.get('boss')!.passwordHash;
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain(PASSWORD);
  });

  it('logs out through a CSRF-protected form and the session stops working', async () => {
    const { cookie, csrf } = await login(s.app, 'boss');
    const bad = await s.app.inject({ method: 'POST', url: '/logout', ...form({ _csrf: 'nope' }), headers: { ...form({}).headers, cookie } });
    expect(bad.statusCode).toBe(403);
    const out = await s.app.inject({ method: 'POST', url: '/logout', payload: new URLSearchParams({ _csrf: csrf }).toString(), headers: { ...form({}).headers, cookie } });
    expect(out.statusCode).toBe(303);
    const after = await s.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(after.statusCode).toBe(303);
  });
});

describe('CSRF on forms', () => {
  it('refuses marking a false positive without the session token, with a wrong one, and from another origin', async () => {
    const { cookie, csrf } = await login(s.app, 'boss');
    const url = `/findings/${s.ids.formula}/false-positive`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded', cookie };
    for (const fields of [{ reason: 'x' }, { reason: 'x', _csrf: 'forged' }] as Record<string, string>[]) {
      const res = await s.app.inject({ method: 'POST', url, headers, payload: new URLSearchParams(fields).toString() });
      expect(res.statusCode).toBe(403);
    }
    const cross = await s.app.inject({ method: 'POST', url, headers: { ...headers, origin: 'http://evil.test' }, payload: new URLSearchParams({ reason: 'x', _csrf: csrf }).toString() });
    expect(cross.statusCode).toBe(403);
    expect(s.store.marks.get(s.ids.formula!)).toBeUndefined();
  });
});

describe('roles', () => {
  it('shows a supervisor every site, failing or not', async () => {
    const { cookie } = await login(s.app, 'boss');
    const res = await s.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(res.body).toContain('data-site="county"');
    expect(res.body).toContain('data-site="dept"');
  });

  it("answers 403 when an editor opens another unit's site, its findings or a finding of it", async () => {
    const { cookie, csrf } = await login(s.app, 'wang');
    const home = await s.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(home.body).toContain('data-site="county"');
    expect(home.body).not.toContain('data-site="dept"');
    expect((await s.app.inject({ method: 'GET', url: '/sites/dept', headers: { cookie } })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: '/findings?site=dept', headers: { cookie } })).statusCode).toBe(403);
    const all = await s.app.inject({ method: 'GET', url: '/findings', headers: { cookie } });
    expect(all.body).not.toContain('教育局的断链');
    const csv = await s.app.inject({ method: 'GET', url: '/findings.csv', headers: { cookie } });
    expect(csv.body).not.toContain('教育局');
    const mark = await s.app.inject({
      method: 'POST',
      url: `/findings/${s.ids.dept}/false-positive`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      payload: new URLSearchParams({ _csrf: csrf, reason: '不是我们的' }).toString(),
    });
    expect(mark.statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: '/reports', headers: { cookie } })).statusCode).toBe(403);
  });

  it('shows an editor of one column only that column’s findings on a site they do not own', async () => {
    const { cookie } = await login(s.app, 'zhao');
    const site = await s.app.inject({ method: 'GET', url: '/sites/county', headers: { cookie } });
    expect(site.statusCode).toBe(200);
    expect(site.body).toContain(`data-finding="${s.ids.jsUrl}"`);
    expect(site.body).not.toContain(`data-finding="${s.ids.script}"`);
    expect(site.body).not.toContain(`data-finding="${s.ids.formula}"`);
  });
});
