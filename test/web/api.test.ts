// The pre-publication check API (POST /api/check-text) and the page behind it: tokens, CSRF with a session,
// size limits, clear JSON errors, positions of the planted typos.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiToken } from '../../src/web/index.ts';
import { login, NOW, seeded, type Seeded } from './helpers.ts';

const DRAFT = readFileSync(fileURLToPath(new URL('../fixtures/content/draft.txt', import.meta.url)), 'utf8');
const DOCX = readFileSync(fileURLToPath(new URL('../fixtures/content/draft.docx', import.meta.url)));

let s: Seeded;
let token: string;
beforeAll(async () => {
  s = await seeded('web: { maxBodyBytes: 65536, maxUploadBytes: 40960, maxTextChars: 20000 }');
  const t = newApiToken();
  s.store.users.addToken('zhao', t.hash, 'cms', NOW);
  token = t.token;
});
afterAll(async () => {
  await s?.close();
});

const api = (payload: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
  s.app.inject({ method: 'POST', url: '/api/check-text', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }): { body: Buffer; type: string } {
  const b = '----govhealthtest';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${b}` };
}

describe('POST /api/check-text', () => {
  it('finds the planted typos of a JSON draft with positions and suggestions, title included', async () => {
    const res = await api({ title: '关于秸杆禁烧的通知', text: DRAFT });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { findings: { check: string; field: string; start: number; end: number; text: string; suggestion?: string }[]; serious: boolean };
    expect(body.serious).toBe(true);
    const title = body.findings.find((f) => f.field === 'title')!;
    expect(title).toMatchObject({ check: 'typo.serious', text: '秸杆', suggestion: '秸秆', start: 2, end: 4 });
    const text = DRAFT.replace(/\r\n?/g, '\n');
    for (const planted of ['习进平总书记', '领导小姐', '部暑']) {
      const f = body.findings.find((x) => x.field === 'text' && x.text === planted)!;
      expect(f, planted).toBeDefined();
      expect(text.slice(f.start, f.end)).toBe(planted);
    }
  });

  it('checks an uploaded document', async () => {
    const { body, type } = multipart({}, { name: 'draft.docx', data: DOCX });
    const res = await s.app.inject({ method: 'POST', url: '/api/check-text', headers: { authorization: `Bearer ${token}`, 'content-type': type }, payload: body });
    expect(res.statusCode).toBe(200);
    const json = res.json() as { format: string; findings: { field: string }[] };
    expect(json.format).toBe('docx');
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.findings.every((f) => f.field === 'document')).toBe(true);
  });

  it('answers 401 as JSON without credentials or with an unknown token', async () => {
    for (const headers of [{}, { authorization: "Bearer ght_nope" }] as Record<string, string>[]) {
      const res = await api({ text: '秸杆' }, headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect((res.json() as { error: { code: string } }).error.code).toMatch(/unauthorized|invalid_token/);
    }
  });

  it('needs the CSRF header when called with a session cookie', async () => {
    const { cookie, csrf } = await login(s.app, 'boss');
    expect((await api({ text: '秸杆' }, { cookie })).statusCode).toBe(403);
    expect((await api({ text: '秸杆' }, { cookie, 'x-csrf-token': csrf })).statusCode).toBe(200);
  });

  it('gives clear JSON errors for bad input', async () => {
    const cases: [unknown, number, string][] = [
      [{ text: 42 }, 400, 'invalid_text'],
      [{ text: '' }, 400, 'empty_text'],
      [{ text: 'x', body: 'y' }, 400, 'unknown_field'],
      [['x'], 400, 'invalid_body'],
      [{ text: '字'.repeat(20001) }, 413, 'text_too_long'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await api(payload);
      expect({ status: res.statusCode, code: (res.json() as { error: { code: string } }).error.code }).toEqual({ status, code });
    }
    const broken = await s.app.inject({ method: 'POST', url: '/api/check-text', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"text": ' });
    expect(broken.statusCode).toBe(400);
    expect((broken.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_json' });
    const plain = await s.app.inject({ method: 'POST', url: '/api/check-text', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, payload: 'x' });
    expect(plain.statusCode).toBe(415);
    const missing = await s.app.inject({ method: 'GET', url: '/api/nothing', headers: { authorization: `Bearer ${token}` } });
    expect(missing.statusCode).toBe(404);
    expect((missing.json() as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('limits request sizes: a JSON body and an upload over the limits are 413 with a JSON error', async () => {
    const big = await api({ text: 'a'.repeat(70_000) });
    expect(big.statusCode).toBe(413);
    expect((big.json() as { error: { code: string } }).error.code).toBe('payload_too_large');
    const { body, type } = multipart({}, { name: 'big.txt', data: Buffer.alloc(50_000, 0x61) });
    const up = await s.app.inject({ method: 'POST', url: '/api/check-text', headers: { authorization: `Bearer ${token}`, 'content-type': type }, payload: body });
    expect(up.statusCode).toBe(413);
    expect((up.json() as { error: { code: string } }).error.code).toBe('payload_too_large');
  });
});

describe('the pre-publication check page', () => {
  it('highlights the planted typo in the pasted text', async () => {
    const { cookie, csrf } = await login(s.app, 'zhao');
    const { body, type } = multipart({ _csrf: csrf, title: '', text: '请做好秸杆禁烧工作。<b>不是标签</b>' });
    const res = await s.app.inject({ method: 'POST', url: '/check', headers: { cookie, 'content-type': type }, payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<mark class="hit sev-warning" data-check="typo.serious"[^>]*>秸杆<\/mark>/);
    expect(res.body).toContain('&lt;b&gt;不是标签&lt;/b&gt;');
  });

  it('refuses the page form without its CSRF token', async () => {
    const { cookie } = await login(s.app, 'zhao');
    const { body, type } = multipart({ text: '秸杆' });
    const res = await s.app.inject({ method: 'POST', url: '/check', headers: { cookie, 'content-type': type }, payload: body });
    expect(res.statusCode).toBe(403);
  });
});
