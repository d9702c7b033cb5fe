// web stage: the overview (GET /) — every site the viewer may see with its verdict, failing first; vetoes
// triggered or near, open findings by category, trend; filterable by level and region, sortable.
import type { FastifyInstance } from 'fastify';
import { LEVELS } from '../config/index.ts';
import { visibleSites } from './access.ts';
import { pageViewer } from './auth.ts';
import { sparkline } from './charts.ts';
import type { WebContext } from './context.ts';
import { html, query } from './html.ts';
import { page } from './layout.ts';
import { CATEGORIES, STATE_LABEL, summarize, type AccountSummary, type SiteSummary } from './summaries.ts';

const SORTS: Record<string, { label: string; cmp?: (a: SiteSummary, b: SiteSummary) => number }> = {
  state: { label: '状态（不合格在前）' },
  score: { label: '得分（低在前）', cmp: (a, b) => a.verdict.score.value - b.verdict.score.value },
  findings: { label: '问题数（多在前）', cmp: (a, b) => b.open.length - a.open.length },
  name: { label: '名称', cmp: (a, b) => a.scope.site.name.localeCompare(b.scope.site.name, 'zh') },
};

/** GET / */
export function registerOverview(app: FastifyInstance, ctx: WebContext): void {
  app.get('/', async (req, reply) => {
    const viewer = pageViewer(req, reply);
    if (!viewer) return reply;
    const q = req.query as Record<string, string | undefined>;
    const level = typeof q.level === 'string' ? q.level : '';
    const region = typeof q.region === 'string' ? q.region : '';
    const sort = typeof q.sort === 'string' && SORTS[q.sort] ? q.sort : 'state';
    const scopes = visibleSites(viewer, ctx.config);
    const regions = [...new Set(scopes.map((s) => s.site.region).filter((r): r is string => !!r))].sort();
    let rows = summarize(
      ctx,
      scopes.filter((s) => (!level || s.site.level === level) && (!region || s.site.region === region)),
    );
    const cmp = SORTS[sort]!.cmp;
    if (cmp) rows = [...rows].sort(cmp);
    const totals = { fail: 0, risk: 0, ok: 0, none: 0 };
    for (const r of rows) totals[r.state]++;

    const body = html`<h1>总览</h1>
<div class="grid">
  <div class="card"><div class="muted">不合格</div><div><span class="badge st-fail">${totals.fail}</span> 个网站</div></div>
  <div class="card"><div class="muted">有风险</div><div><span class="badge st-risk">${totals.risk}</span> 个网站</div></div>
  <div class="card"><div class="muted">合格</div><div><span class="badge st-ok">${totals.ok}</span> 个网站</div></div>
  <div class="card"><div class="muted">未检查</div><div><span class="badge st-none">${totals.none}</span> 个网站</div></div>
</div>
<form class="filters card" method="get" action="/">
  <label>层级<select name="level"><option value="">全部</option>${LEVELS.map((l) => html`<option value="${l}" ${l === level ? html`selected` : ''}>${l}</option>`)}</select></label>
  <label>地区/主管单位<select name="region"><option value="">全部</option>${regions.map((r) => html`<option value="${r}" ${r === region ? html`selected` : ''}>${r}</option>`)}</select></label>
  <label>排序<select name="sort">${Object.entries(SORTS).map(([k, s]) => html`<option value="${k}" ${k === sort ? html`selected` : ''}>${s.label}</option>`)}</select></label>
  <button class="primary" type="submit">筛选</button>
</form>
<div class="scroll"><table id="sites">
<thead><tr><th>网站</th><th>结论</th><th class="num">得分</th><th>单项否决</th>${CATEGORIES.map((c) => html`<th class="num hide-sm">${c.label}</th>`)}<th class="hide-sm">趋势</th></tr></thead>
<tbody>${rows.map((r) => siteRow(r))}</tbody></table></div>
${rows.length ? '' : html`<p class="muted">没有可显示的网站。</p>`}
${accountsTable(rows)}`;
    return reply.type('text/html; charset=utf-8').send(page({ title: '总览', body, nonce: req.nonce, viewer, csrf: req.session?.csrf, active: '/' }));
  });
}

function siteRow(r: SiteSummary) {
  const s = r.scope.site;
  const v = r.verdict;
  return html`<tr data-site="${s.id}" data-state="${r.state}">
  <td><a href="/sites/${encodeURIComponent(s.id)}">${s.name}</a><div class="muted">${s.level}${s.region ? ` · ${s.region}` : ''}${r.scope.whole ? '' : ' · 仅本人负责的栏目'}</div></td>
  <td><span class="badge st-${r.state}">${STATE_LABEL[r.state]}</span>${v.complete || r.state === 'none' ? '' : html`<div class="muted">部分指标未评估</div>`}</td>
  <td class="num">${r.state === 'none' ? '—' : v.score.value}</td>
  <td>${r.vetoes.length ? html`<span class="badge st-fail">${r.vetoes.join('、')}</span>` : ''}${r.nearVetoes.length ? html` <span class="badge st-risk">接近：${r.nearVetoes.join('、')}</span>` : ''}${!r.vetoes.length && !r.nearVetoes.length ? html`<span class="muted">无</span>` : ''}</td>
  ${CATEGORIES.map((c) => html`<td class="num hide-sm">${r.counts[c.id] ? html`<a href="/findings${query({ site: s.id, category: c.id })}">${r.counts[c.id]}</a>` : html`<span class="muted">0</span>`}</td>`)}
  <td class="hide-sm">${sparkline(r.trend)}</td>
</tr>`;
}

const ACCOUNT_ORDER: Record<string, number> = { fail: 0, risk: 1, none: 2, ok: 3 };

/** Every new-media account of the listed sites with its own verdict (政务新媒体 are judged one by one), failing first. */
function accountsTable(rows: SiteSummary[]) {
  const accounts = rows
    .flatMap((r) => r.accounts.map((a) => ({ a, r })))
    .sort((x, y) => ACCOUNT_ORDER[x.a.state]! - ACCOUNT_ORDER[y.a.state]! || x.a.name.localeCompare(y.a.name, 'zh'));
  if (!accounts.length) return '';
  const n = (state: string) => accounts.filter((x) => x.a.state === state).length;
  return html`<h2>政务新媒体</h2>
<p class="muted">不合格 ${n('fail')} 个 · 有风险 ${n('risk')} 个 · 合格 ${n('ok')} 个 · 未检查 ${n('none')} 个</p>
<div class="scroll"><table id="accounts">
<thead><tr><th>账号</th><th>平台</th><th>所属网站</th><th>结论</th><th>单项否决</th><th class="num">问题</th></tr></thead>
<tbody>${accounts.map(({ a, r }) => accountRow(a, r))}</tbody></table></div>`;
}

function accountRow(a: AccountSummary, r: SiteSummary) {
  const site = r.scope.site;
  return html`<tr data-account="${a.accountId}" data-state="${a.state}">
  <td>${a.name}</td><td>${a.platform}</td>
  <td><a href="/sites/${encodeURIComponent(site.id)}">${site.name}</a></td>
  <td><span class="badge st-${a.state}">${STATE_LABEL[a.state]}</span></td>
  <td>${a.vetoes.length ? a.vetoes.map((v) => html`<div>${v.message}</div>`) : html`<span class="muted">无</span>`}</td>
  <td class="num">${a.vetoes.length + a.problems.length ? html`<a href="/findings${query({ site: site.id, account: a.name })}">${a.vetoes.length + a.problems.length}</a>` : html`<span class="muted">0</span>`}</td>
</tr>`;
}
