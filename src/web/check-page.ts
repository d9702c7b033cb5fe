// web stage: the pre-publication check — the page where an editor pastes a draft or uploads a document and sees
// the problems highlighted in place (GET/POST /check), and the API (POST /api/check-text, JSON or an uploaded
// document; a session with its CSRF header, or an API token).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiViewer, checkCsrf, pageViewer } from './auth.ts';
import { checkDraft, normaliseText, type Draft, type DraftFinding, type DraftResult } from './check-service.ts';
import type { WebContext } from './context.ts';
import { HttpError } from './errors.ts';
import { SEVERITY_LABEL, severityBadge } from './finding-view.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';

/** Reads a multipart form: its text fields and at most one file (size-limited by the multipart plugin). */
async function readMultipart(req: FastifyRequest): Promise<{ fields: Record<string, string>; file?: { name: string; data: Buffer } }> {
  const fields: Record<string, string> = {};
  let file: { name: string; data: Buffer } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (data.length && !file) file = { name: part.filename ?? 'upload', data };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, ...(file ? { file } : {}) };
}

/** The text with each finding (non-overlapping, first wins) wrapped in a <mark>. */
function highlighted(text: string, findings: DraftFinding[]): SafeHtml {
  const hits = findings.filter((f) => f.start !== undefined && f.end !== undefined && f.end > f.start).sort((a, b) => a.start! - b.start!);
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const f of hits) {
    if (f.start! < at) continue;
    parts.push(html`${text.slice(at, f.start)}`);
    parts.push(
      html`<mark class="hit sev-${f.severity}" data-check="${f.check}" title="${`${f.checkTitle}：${f.message}${f.suggestion ? `（建议：${f.suggestion}）` : ''}`}">${text.slice(f.start, f.end)}</mark>`,
    );
    at = f.end!;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}

function resultView(result: DraftResult, draft: Draft): SafeHtml {
  const title = (draft.title ?? '').replace(/\s+/g, ' ').trim();
  const text = normaliseText(draft.text ?? '');
  const plain = !draft.file && result.format === 'txt';
  return html`<section id="result">
  ${result.findings.length ? html`<p class="${result.serious ? 'error' : 'ok-note'}">发现 ${result.findings.length} 处问题${result.serious ? '，其中有严重问题，请修改后再发布' : ''}（共 ${result.characters} 字）。</p>` : html`<p class="ok-note">未发现问题（共 ${result.characters} 字）。</p>`}
  ${plain && title ? html`<h2>标题</h2><div class="checked-text" id="checked-title">${highlighted(title, result.findings.filter((f) => f.field === 'title'))}</div>` : ''}
  ${plain ? html`<h2>正文</h2><div class="checked-text" id="checked-text">${highlighted(text, result.findings.filter((f) => f.field === 'text'))}</div>` : ''}
  ${result.findings.length ? html`<h2>问题列表</h2><div class="scroll"><table><thead><tr><th>位置</th><th>级别</th><th>检查</th><th>原文</th><th>建议</th><th>说明</th></tr></thead><tbody>
  ${result.findings.map((f) => html`<tr><td>${f.field === 'title' ? '标题 ' : ''}${f.line}:${f.column}</td><td>${severityBadge(f)}</td><td>${f.checkTitle}</td><td>${f.text}</td><td>${f.suggestion ?? ''}</td><td>${f.message}</td></tr>`)}
  </tbody></table></div>` : ''}</section>`;
}

function form(csrf: string, draft: Draft): SafeHtml {
  return html`<form class="card" method="post" action="/check" enctype="multipart/form-data" id="check-form">
  <input type="hidden" name="_csrf" value="${csrf}">
  <p><label>标题<br><input name="title" value="${draft.title ?? ''}" maxlength="500" size="60"></label></p>
  <p><label>正文<br><textarea name="text" id="text">${draft.text ?? ''}</textarea></label></p>
  <p><label>或上传文档（DOCX、PDF、DOC、XLS/XLSX、TXT、HTML）<br><input type="file" name="file"></label></p>
  <p><button class="primary" type="submit">检查</button> <span class="muted">检查错别字、严重表述错误、敏感词、涉密标识和个人信息，与网站巡检使用同一套引擎。</span></p>
</form>`;
}

/** GET /check, POST /check, POST /api/check-text */
export function registerCheckPage(app: FastifyInstance, ctx: WebContext): void {
  const render = (req: FastifyRequest, body: SafeHtml) =>
    page({ title: '发布前检查', body, nonce: req.nonce, viewer: req.viewer, csrf: req.session?.csrf, active: '/check' });

  app.get('/check', async (req, reply) => {
    if (!pageViewer(req, reply)) return reply;
    return reply.type('text/html; charset=utf-8').send(render(req, html`<h1>发布前检查</h1>${form(req.session?.csrf ?? '', {})}`));
  });

  app.post('/check', async (req, reply) => {
    if (!pageViewer(req, reply)) return reply;
    if (!req.isMultipart()) throw new HttpError(415, 'unsupported_media_type', '请用页面上的表单提交');
    const { fields, file } = await readMultipart(req);
    checkCsrf(req, fields._csrf ?? '');
    const draft: Draft = { title: fields.title ?? '', text: fields.text ?? '', ...(file ? { file } : {}) };
    let result: DraftResult | undefined;
    let error: string | undefined;
    try {
      result = await checkDraft(ctx, draft);
    } catch (err) {
      if (!(err instanceof HttpError) || err.statusCode >= 500) throw err;
      error = err.message;
    }
    const body = html`<h1>发布前检查</h1>${error ? html`<p class="error" role="alert">${error}</p>` : ''}${result ? resultView(result, draft) : ''}${form(req.session?.csrf ?? '', { title: draft.title, text: draft.text })}`;
    return reply.code(error ? 400 : 200).type('text/html; charset=utf-8').send(render(req, body));
  });

  app.post('/api/check-text', async (req, reply) => {
    apiViewer(req);
    let draft: Draft;
    if (req.isMultipart()) {
      const { fields, file } = await readMultipart(req);
      checkCsrf(req, fields._csrf ?? '');
      draft = { title: fields.title ?? '', text: fields.text ?? '', ...(file ? { file } : {}) };
    } else {
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        throw new HttpError(415, 'unsupported_media_type', '请以 application/json（{ "text": …, "title": … }）或 multipart/form-data（上传文档）提交');
      }
      checkCsrf(req, '');
      const b = req.body as Record<string, unknown> | undefined;
      if (!b || typeof b !== 'object' || Array.isArray(b)) throw new HttpError(400, 'invalid_body', '请求体应为 JSON 对象 { "text": …, "title": … }');
      if (b.text !== undefined && typeof b.text !== 'string') throw new HttpError(400, 'invalid_text', 'text 应为字符串');
      if (b.title !== undefined && typeof b.title !== 'string') throw new HttpError(400, 'invalid_title', 'title 应为字符串');
      const unknown = Object.keys(b).filter((k) => k !== 'text' && k !== 'title');
      if (unknown.length) throw new HttpError(400, 'unknown_field', `不认识的字段：${unknown.join('、')}（只接受 text 和 title）`);
      draft = { title: (b.title as string | undefined) ?? '', text: (b.text as string | undefined) ?? '' };
    }
    const result = await checkDraft(ctx, draft);
    return reply.send({ ...result, severityLabels: SEVERITY_LABEL });
  });
}
