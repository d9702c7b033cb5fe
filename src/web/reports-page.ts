// web stage: the reports page (GET /reports) — the quarterly reports found under reports/<quarter>/, downloadable
// (GET /reports/<quarter>/<file>). Supervisors only: a report names every unit.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pageViewer } from './auth.ts';
import type { WebContext } from './context.ts';
import { HttpError } from './errors.ts';
import { html } from './html.ts';
import { page } from './layout.ts';

const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._\-]*$/u;
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

interface QuarterFiles {
  quarter: string;
  files: { name: string; bytes: number; modified: string }[];
}

/** Quarter folders (newest first) with their files. */
async function listReports(dir: string): Promise<QuarterFiles[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: QuarterFiles[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || !NAME.test(e.name) || e.name === 'templates') continue;
    const files = [];
    for (const f of await readdir(join(dir, e.name), { withFileTypes: true })) {
      if (!f.isFile() || !NAME.test(f.name)) continue;
      const st = await stat(join(dir, e.name, f.name));
      files.push({ name: f.name, bytes: st.size, modified: st.mtime.toISOString() });
    }
    if (files.length) out.push({ quarter: e.name, files: files.sort((a, b) => a.name.localeCompare(b.name)) });
  }
  return out.sort((a, b) => b.quarter.localeCompare(a.quarter));
}

/** GET /reports and GET /reports/:quarter/:file */
export function registerReportsPage(app: FastifyInstance, ctx: WebContext): void {
  const dir = resolve(ctx.settings.reportsDir);

  app.get('/reports', async (req, reply) => {
    const viewer = pageViewer(req, reply);
    if (!viewer) return reply;
    if (viewer.role !== 'supervisor') throw new HttpError(403, 'forbidden', '季度报告仅监管人员可见');
    const quarters = await listReports(dir);
    const body = html`<h1>季度报告</h1>
${quarters.length ? '' : html`<p class="muted">还没有生成的季度报告（govhealth report 生成后出现在这里）。</p>`}
${quarters.map(
  (q) => html`<div class="card"><h2>${q.quarter}</h2><ul>${q.files.map(
    (f) => html`<li><a href="/reports/${encodeURIComponent(q.quarter)}/${encodeURIComponent(f.name)}" download>${f.name}</a> <span class="muted">${(f.bytes / 1024).toFixed(1)} KB · ${f.modified.slice(0, 16).replace('T', ' ')}</span></li>`,
  )}</ul></div>`,
)}`;
    return reply.type('text/html; charset=utf-8').send(page({ title: '季度报告', body, nonce: req.nonce, viewer, csrf: req.session?.csrf, active: '/reports' }));
  });

  app.get<{ Params: { quarter: string; file: string } }>('/reports/:quarter/:file', async (req, reply) => {
    const viewer = pageViewer(req, reply);
    if (!viewer) return reply;
    if (viewer.role !== 'supervisor') throw new HttpError(403, 'forbidden', '季度报告仅监管人员可见');
    const { quarter, file } = req.params;
    if (!NAME.test(quarter) || !NAME.test(file) || quarter === 'templates') throw new HttpError(404, 'not_found', '没有这个报告');
    const path = resolve(dir, quarter, file);
    if (!path.startsWith(dir + sep)) throw new HttpError(404, 'not_found', '没有这个报告');
    const st = await stat(path).catch(() => undefined);
    if (!st?.isFile()) throw new HttpError(404, 'not_found', '没有这个报告');
    const ext = file.split('.').pop()!.toLowerCase();
    return reply
      .type(TYPES[ext] ?? 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file)}`)
      .send(createReadStream(path));
  });
}
