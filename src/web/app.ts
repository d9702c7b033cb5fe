// web stage: the Fastify application of the dashboard — security headers with a per-response CSP nonce, size
// limits, cookie/form/multipart parsing, login and the pages, and errors as JSON for the API and as pages for people.
import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAuth } from './auth.ts';
import { registerCheckPage } from './check-page.ts';
import { createWebContext, type WebContext, type WebContextOptions } from './context.ts';
import { describeError, HttpError } from './errors.ts';
import { registerFindingsPage } from './findings-page.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { registerOverview } from './overview-page.ts';
import { registerReportsPage } from './reports-page.ts';
import { registerSitePage } from './site-page.ts';

export type WebAppOptions = WebContextOptions;

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || (!!req.headers.accept && /application\/json/.test(req.headers.accept) && !/text\/html/.test(req.headers.accept));
}

function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  const { statusCode, code, message } = describeError(err);
  if (statusCode >= 500) req.log.error({ err }, 'request failed');
  if (wantsJson(req)) return reply.code(statusCode).type('application/json; charset=utf-8').send({ error: { code, message, statusCode } });
  const body = html`<h1>${statusCode === 403 ? '无权访问' : statusCode === 404 ? '页面不存在' : '出错了'}</h1><p class="error" role="alert">${message}</p><p><a href="/">返回总览</a></p>`;
  return reply
    .code(statusCode)
    .type('text/html; charset=utf-8')
    .send(page({ title: String(statusCode), body, nonce: req.nonce ?? '', viewer: req.viewer, csrf: req.session?.csrf }));
}

/** Builds the dashboard application (not listening yet). */
export async function buildWebApp(options: WebAppOptions): Promise<{ app: FastifyInstance; ctx: WebContext }> {
  const ctx = createWebContext(options);
  const s = ctx.settings;
  const app = Fastify({ logger: false, bodyLimit: s.maxBodyBytes, trustProxy: s.trustProxy, return503OnClosing: true });
  app.decorateRequest('nonce', '');
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: s.maxBodyBytes });
  await app.register(multipart, { limits: { fileSize: s.maxUploadBytes, files: 1, fields: 10, fieldSize: s.maxBodyBytes, parts: 12 } });

  app.addHook('onRequest', async (req, reply) => {
    req.nonce = randomBytes(16).toString('base64');
    reply.header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${req.nonce}'; script-src 'nonce-${req.nonce}'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cache-control', 'no-store');
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    // A cross-site form post is refused before anything else (CSRF tokens are the main defence; this is a second one).
    const origin = req.headers.origin;
    if (req.method !== 'GET' && req.method !== 'HEAD' && origin && origin !== 'null') {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      if (host !== req.headers.host) throw new HttpError(403, 'cross_origin', '拒绝来自其他网站的请求');
    }
  });

  registerAuth(app, ctx);
  registerOverview(app, ctx);
  registerSitePage(app, ctx);
  registerFindingsPage(app, ctx);
  registerReportsPage(app, ctx);
  registerCheckPage(app, ctx);

  app.setErrorHandler((err, req, reply) => sendError(req, reply, err));
  app.setNotFoundHandler((req, reply) => sendError(req, reply, new HttpError(404, 'not_found', '没有这个页面')));
  return { app, ctx };
}
