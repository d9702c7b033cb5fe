// web stage: the findings page (GET /findings) — filters by site, check, severity, editor, status, category and
// date; CSV export (GET /findings.csv, same filters); marking a finding false positive (with the reason: an
// allow-list entry the crawl honours) or acknowledged.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SEVERITIES, type Finding, type Severity } from '../checks/check.ts';
import { editorOf, inScope, siteScope, visibleSites, type Viewer } from './access.ts';
import { checkCsrf, field, pageViewer } from './auth.ts';
import type { WebContext } from './context.ts';
import { HttpError } from './errors.ts';
import { evidenceView, markView, placeView, SEVERITY_LABEL, severityBadge } from './finding-view.ts';
import { html, query } from './html.ts';
import { page } from './layout.ts';
import { CATEGORIES } from './summaries.ts';

/** Filters of the findings page, as given in the query string. */
export interface FindingsQuery {
  site?: string;
  check?: string;
  severity?: string;
  editor?: string;
  status?: string;
  category?: string;
  /** A new-media account, by name (from the overview's account list). */
  account?: string;
  /** Seen on or after this date (YYYY-MM-DD, last seen). */
  since?: string;
}

const STATUS_LABEL: Record<string, string> = { open: '未解决', resolved: '已解决', 'false-positive': '已标记误报', all: '全部' };
const LIMIT = 1000;

function readQuery(req: FastifyRequest): FindingsQuery {
  const q = req.query as Record<string, unknown>;
  const out: FindingsQuery = {};
  for (const k of ['site', 'check', 'severity', 'editor', 'status', 'category', 'account', 'since'] as const) {
    const v = q[k];
    if (typeof v === 'string' && v.length && v.length < 200) out[k] = v;
  }
  return out;
}

/** The findings a viewer may see that match the filters, with each one's editor. */
export function selectFindings(ctx: WebContext, viewer: Viewer, q: FindingsQuery): { finding: Finding; editor?: string }[] {
  const scopes = visibleSites(viewer, ctx.config).filter((s) => !q.site || s.site.id === q.site);
  if (q.site && !scopes.length) {
    if (ctx.config.sites.some((s) => s.id === q.site)) throw new HttpError(403, 'forbidden', '无权查看其他单位的网站');
    return [];
  }
  const status = q.status === 'resolved' || q.status === 'all' ? q.status : 'open';
  const severity = SEVERITIES.includes(q.severity as Severity) ? (q.severity as Severity) : undefined;
  const category = CATEGORIES.find((c) => c.id === q.category);
  const marks = ctx.store.marks.bySite(scopes.map((s) => s.site.id));
  const since = q.since && /^\d{4}-\d{2}-\d{2}$/.test(q.since) ? q.since : undefined;
  const out: { finding: Finding; editor?: string }[] = [];
  for (const scope of scopes) {
    const list = ctx.store.findings.list({ siteId: scope.site.id, status: q.status === 'false-positive' ? 'all' : status, ...(q.check ? { check: q.check } : {}), ...(severity ? { severity } : {}) });
    for (const f of list) {
      if (!inScope(scope, f)) continue;
      if (category && !category.match(f.check)) continue;
      if (q.account && f.account !== q.account) continue;
      if (since && f.lastSeen.slice(0, 10) < since) continue;
      if (q.status === 'false-positive' && marks.get(f.id)?.kind !== 'false-positive') continue;
      const editor = editorOf(scope.site, f);
      if (q.editor && editor !== q.editor) continue;
      out.push({ finding: f, ...(editor ? { editor } : {}) });
    }
  }
  return out;
}

/** A CSV cell: quoted, and a leading = + - @ neutralised so spreadsheets do not run it as a formula. */
function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** The finding a viewer may act on, or 404/403. */
function ownFinding(ctx: WebContext, viewer: Viewer, id: string): Finding {
  const f = ctx.store.findings.get(id);
  if (!f) throw new HttpError(404, 'not_found', '没有这个问题');
  const site = ctx.config.sites.find((s) => s.id === f.siteId);
  const scope = site && siteScope(viewer, site);
  if (!scope || !inScope(scope, f)) throw new HttpError(403, 'forbidden', '无权处理其他单位的问题');
  return f;
}

function backTo(body: unknown): string {
  const b = field(body, 'back');
  return b.startsWith('/') && !b.startsWith('//') && !b.startsWith('/\\') ? b : '/findings';
}

/** GET /findings, GET /findings.csv, POST /findings/:id/false-positive, POST /findings/:id/acknowledge */
export function registerFindingsPage(app: FastifyInstance, ctx: WebContext): void {
  app.get('/findings', async (req, reply) => {
    const viewer = pageViewer(req, reply);
    if (!viewer) return reply;
    const q = readQuery(req);
    const rows = selectFindings(ctx, viewer, q);
    const scopes = visibleSites(viewer, ctx.config);
    const marks = ctx.store.marks.bySite(scopes.map((s) => s.site.id));
    const siteName = new Map(ctx.config.sites.map((s) => [s.id, s.name]));
    const editors = ctx.config.editors.filter((e) => viewer.role === 'supervisor' || e.id === viewer.editorId);
    const csrf = req.session?.csrf ?? '';
    const back = req.url;
    const sel = (a: string | undefined, b: string) => (a === b ? html`selected` : '');
    const body = html`<h1>问题清单</h1>
<form class="filters card" method="get" action="/findings" id="filters">
  <label>网站<select name="site"><option value="">全部</option>${scopes.map((s) => html`<option value="${s.site.id}" ${sel(q.site, s.site.id)}>${s.site.name}</option>`)}</select></label>
  <label>检查<select name="check"><option value="">全部</option>${ctx.registered.map((c) => html`<option value="${c}" ${sel(q.check, c)}>${ctx.checkTitle(c)}（${c}）</option>`)}</select></label>
  <label>类别<select name="category"><option value="">全部</option>${CATEGORIES.map((c) => html`<option value="${c.id}" ${sel(q.category, c.id)}>${c.label}</option>`)}</select></label>
  <label>级别<select name="severity"><option value="">全部</option>${SEVERITIES.map((s) => html`<option value="${s}" ${sel(q.severity, s)}>${SEVERITY_LABEL[s]}</option>`)}</select></label>
  <label>责任编辑<select name="editor"><option value="">全部</option>${editors.map((e) => html`<option value="${e.id}" ${sel(q.editor, e.id)}>${e.name}</option>`)}</select></label>
  <label>状态<select name="status">${Object.entries(STATUS_LABEL).map(([k, l]) => html`<option value="${k}" ${sel(q.status ?? 'open', k)}>${l}</option>`)}</select></label>
  <label>最近发现不早于<input type="date" name="since" value="${q.since ?? ''}"></label>
  ${q.account ? html`<label>新媒体账号<input type="hidden" name="account" value="${q.account}"><span>${q.account} <a href="/findings${query({ ...q, account: undefined })}">（清除）</a></span></label>` : ''}
  <button class="primary" type="submit">筛选</button>
  <a class="button" href="/findings.csv${query({ ...q })}" download>导出 CSV</a>
</form>
<p class="muted" id="count">共 ${rows.length} 条${rows.length > LIMIT ? `，显示前 ${LIMIT} 条` : ''}</p>
<div class="scroll"><table id="findings"><thead><tr><th>级别</th><th>网站</th><th>检查</th><th>位置</th><th>证据</th><th class="hide-sm">最近发现</th><th>处理</th></tr></thead><tbody>
${rows.slice(0, LIMIT).map(
  ({ finding: f }) => html`<tr data-finding="${f.id}" data-check="${f.check}"><td>${severityBadge(f)}${f.status === 'resolved' ? html` <span class="badge st-ok">已解决</span>` : ''}</td>
  <td class="site"><a href="/sites/${encodeURIComponent(f.siteId)}">${siteName.get(f.siteId) ?? f.siteId}</a></td>
  <td class="site">${ctx.checkTitle(f.check)}<div class="muted">${f.check}</div></td><td class="place">${placeView(f)}</td><td class="place">${evidenceView(f)}</td>
  <td class="hide-sm">${f.lastSeen.slice(0, 10)}</td><td>${f.status === 'open' ? markView(f, marks.get(f.id), csrf, back) : ''}</td></tr>`,
)}</tbody></table></div>`;
    return reply.type('text/html; charset=utf-8').send(page({ title: '问题清单', body, nonce: req.nonce, viewer, csrf, active: '/findings' }));
  });

  app.get('/findings.csv', async (req, reply) => {
    const viewer = pageViewer(req, reply);
    if (!viewer) return reply;
    const rows = selectFindings(ctx, viewer, readQuery(req));
    const marks = ctx.store.marks.bySite();
    const head = ['id', '网站', '检查', '检查名称', '级别', '确定性', '页面', '目标', '栏目', '账号', '责任编辑', '说明', '链接文字', '原文', '首次发现', '最近发现', '状态', '标记', '标记原因'];
    const lines = rows.map(({ finding: f, editor }) => {
      const m = marks.get(f.id);
      const e = f.evidence;
      return [f.id, f.siteId, f.check, ctx.checkTitle(f.check), SEVERITY_LABEL[f.severity], f.certainty === 'suspected' ? '疑似' : '确定', f.url, f.target, f.column, f.account, editor, e.message, e.anchor, e.snippet, f.firstSeen, f.lastSeen, f.status === 'open' ? '未解决' : '已解决', m?.kind === 'false-positive' ? '误报' : m ? '已确认' : '', m?.reason]
        .map(csvCell)
        .join(',');
    });
    const csv = '\uFEFF' + [head.map(csvCell).join(','), ...lines].join('\r\n') + '\r\n';
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="findings-${ctx.now().toISOString().slice(0, 10)}.csv"`)
      .send(csv);
  });

  app.post<{ Params: { id: string } }>('/findings/:id/false-positive', async (req, reply) => {
    const viewer = pageViewer(req, reply);
    if (!viewer) return reply;
    checkCsrf(req);
    const f = ownFinding(ctx, viewer, req.params.id);
    const reason = field(req.body, 'reason').trim().slice(0, 500);
    if (!reason) throw new HttpError(400, 'reason_required', '请填写误报原因');
    ctx.store.marks.mark({ findingId: f.id, siteId: f.siteId, check: f.check, key: f.key, kind: 'false-positive', reason, userName: viewer.name }, new Date());
    return reply.redirect(backTo(req.body), 303);
  });

  app.post<{ Params: { id: string } }>('/findings/:id/acknowledge', async (req, reply) => {
    const viewer = pageViewer(req, reply);
    if (!viewer) return reply;
    checkCsrf(req);
    const f = ownFinding(ctx, viewer, req.params.id);
    ctx.store.marks.mark({ findingId: f.id, siteId: f.siteId, check: f.check, key: f.key, kind: 'acknowledged', reason: '', userName: viewer.name }, new Date());
    return reply.redirect(backTo(req.body), 303);
  });
}
