// web stage: login with local accounts, sessions in HttpOnly SameSite cookies (Secure on HTTPS), CSRF tokens
// bound to the session (and to a pre-login cookie for the login form), API tokens, and the guards routes use.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSession, WebUser } from '../storage/index.ts';
import type { Viewer } from './access.ts';
import type { WebContext } from './context.ts';
import { HttpError } from './errors.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { randomToken, sameSecret, secretHash, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'gh_session';
const PRELOGIN_COOKIE = 'gh_prelogin';

declare module 'fastify' {
  interface FastifyRequest {
    viewer?: Viewer;
    session?: WebSession;
    /** Set when the request authenticated with an API token (no CSRF needed then). */
    viaToken?: boolean;
    nonce: string;
  }
}

const toViewer = (u: WebUser): Viewer => ({ name: u.name, role: u.role, ...(u.editorId ? { editorId: u.editorId } : {}) });

/** Whether cookies of this request must be Secure. */
function secure(req: FastifyRequest, ctx: WebContext): boolean {
  return ctx.settings.secureCookies === 'always' || req.protocol === 'https';
}

/** A form field as a string ('' when missing). */
export function field(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : '';
  return typeof v === 'string' ? v : '';
}

/** Throws 403 unless the form's `_csrf` (or the X-CSRF-Token header) matches the session's token. */
export function checkCsrf(req: FastifyRequest, fromForm?: string): void {
  if (req.viaToken) return;
  const given = fromForm ?? field(req.body, '_csrf') ?? '';
  const header = req.headers['x-csrf-token'];
  const token = given || (typeof header === 'string' ? header : '');
  if (!req.session || !sameSecret(token, req.session.csrf)) throw new HttpError(403, 'csrf', '表单已失效（CSRF 校验失败），请刷新页面后重试');
}

/** The signed-in viewer of a page, or a redirect to the login page (returns undefined then). */
export function pageViewer(req: FastifyRequest, reply: FastifyReply): Viewer | undefined {
  if (req.viewer) return req.viewer;
  const next = req.url.startsWith('/') && !req.url.startsWith('//') ? req.url : '/';
  void reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
  return undefined;
}

/** The viewer of an API request (session or token), or a 401. */
export function apiViewer(req: FastifyRequest): Viewer {
  if (!req.viewer) throw new HttpError(401, 'unauthorized', '需要登录或 API 令牌（Authorization: Bearer …）');
  return req.viewer;
}

function safeNext(next: string): string {
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function loginPage(req: FastifyRequest, reply: FastifyReply, ctx: WebContext, message?: string, status = 200): FastifyReply {
  const token = randomToken(24);
  reply.setCookie(PRELOGIN_COOKIE, token, { path: '/login', httpOnly: true, sameSite: 'strict', secure: secure(req, ctx), maxAge: 3600 });
  const next = safeNext(String((req.query as Record<string, unknown>)?.next ?? field(req.body, 'next') ?? '/'));
  const body = html`<div class="card">
    <h1>登录</h1>
    ${message ? html`<p class="error" role="alert">${message}</p>` : ''}
    <form method="post" action="/login">
      <input type="hidden" name="_csrf" value="${token}">
      <input type="hidden" name="next" value="${next}">
      <p><label>用户名<br><input name="name" autocomplete="username" required autofocus></label></p>
      <p><label>密码<br><input name="password" type="password" autocomplete="current-password" required></label></p>
      <p><button class="primary" type="submit">登录</button></p>
    </form></div>`;
  return reply.code(status).type('text/html; charset=utf-8').send(page({ title: '登录', body, nonce: req.nonce }));
}

/** Failed logins allowed per account name and address within the window before logins are refused for a while. */
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;

/** Session resolution on every request, and the login and logout routes. */
export function registerAuth(app: FastifyInstance, ctx: WebContext): void {
  // Per app (not a module singleton): failed logins by `name|address`, to slow down password guessing.
  const failures = new Map<string, { count: number; since: number }>();
  const throttled = (key: string): boolean => {
    const f = failures.get(key);
    if (f && Date.now() - f.since > FAILURE_WINDOW_MS) failures.delete(key);
    return (failures.get(key)?.count ?? 0) >= MAX_FAILURES;
  };
  const fail = (key: string): void => {
    const f = failures.get(key) ?? { count: 0, since: Date.now() };
    f.count++;
    failures.set(key, f);
    if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
  };

  app.addHook('onRequest', async (req, reply) => {
    const auth = req.headers.authorization;
    if (auth && /^Bearer\s+/i.test(auth)) {
      const user = ctx.store.users.userByToken(secretHash(auth.replace(/^Bearer\s+/i, '').trim()), ctx.now());
      if (!user) throw new HttpError(401, 'invalid_token', 'API 令牌无效');
      req.viewer = toViewer(user);
      req.viaToken = true;
      return;
    }
    const sid = req.cookies[SESSION_COOKIE];
    if (!sid) return;
    const now = new Date();
    const session = ctx.store.sessions.get(secretHash(sid), now);
    const user = session && ctx.store.users.get(session.userName);
    if (!session || !user || user.disabled) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    ctx.store.sessions.touch(session.idHash, new Date(now.getTime() + ctx.settings.sessionHours * 3600_000));
    req.session = session;
    req.viewer = toViewer(user);
  });

  app.get('/login', async (req, reply) => (req.viewer ? reply.redirect('/', 303) : loginPage(req, reply, ctx)));

  app.post('/login', async (req, reply) => {
    if (!sameSecret(field(req.body, '_csrf'), req.cookies[PRELOGIN_COOKIE])) {
      return loginPage(req, reply, ctx, '表单已失效，请重新登录', 403);
    }
    const name = field(req.body, 'name').trim();
    const password = field(req.body, 'password');
    const key = `${name.toLowerCase()}|${req.ip}`;
    if (throttled(key)) return loginPage(req, reply, ctx, `登录失败次数过多，请 ${FAILURE_WINDOW_MS / 60_000} 分钟后再试`, 429);
    const user = name ? ctx.store.users.get(name) : undefined;
    // Verify against a dummy hash when the user does not exist, so timing does not reveal account names.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || user.disabled || !ok) {
      fail(key);
      return loginPage(req, reply, ctx, '用户名或密码错误', 401);
    }
    failures.delete(key);
    const sid = randomToken(32);
    const now = new Date();
    ctx.store.sessions.purge(now);
    ctx.store.sessions.create({
      idHash: secretHash(sid),
      userName: user.name,
      csrf: randomToken(24),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ctx.settings.sessionHours * 3600_000).toISOString(),
    });
    reply.clearCookie(PRELOGIN_COOKIE, { path: '/login' });
    reply.setCookie(SESSION_COOKIE, sid, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(req, ctx) });
    return reply.redirect(safeNext(field(req.body, 'next') || '/'), 303);
  });

  app.post('/logout', async (req, reply) => {
    if (req.session) {
      checkCsrf(req);
      ctx.store.sessions.delete(req.session.idHash);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
}

/** A well-formed hash of a random password, verified against when the account does not exist. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + Buffer.alloc(32).toString('base64url');
