// web stage: the site page (GET /sites/:id) — verdict with vetoes, columns with newest date and days left (a heat
// strip), availability over the last 7 days, IPv6, open findings grouped by check, and the run history.
import type { FastifyInstance } from 'fastify';
import type { Finding } from '../checks/check.ts';
import { HOMEPAGE_COLUMN, type ColumnSnapshot } from '../storage/index.ts';
import { columnInScope, siteScope, type SiteScope } from './access.ts';
import { pageViewer } from './auth.ts';
import type { WebContext } from './context.ts';
import { HttpError } from './errors.ts';
import { evidenceView, markView, placeView, severityBadge } from './finding-view.ts';
import { extLink, html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import { STATE_LABEL, summarize, type SiteSummary } from './summaries.ts';

const VETO_STATUS: Record<string, string> = { triggered: '触发', clear: '未触发', 'not-assessed': '未评估', insufficient: '数据不足' };
const COLUMN_STATE: Record<string, string> = { fresh: '正常', warning: '预警', stale: '未更新', blank: '空白', exempt: '不考核', error: '无法读取', unknown: '未知' };
const RUN_KIND: Record<string, string> = { crawl: '全站巡检', freshness: '栏目检查', probe: '可用性监测', ipv6: 'IPv6 测量' };
const RUN_STATUS: Record<string, string> = { running: '进行中', done: '完成', failed: '失败' };
const IPV6_LABEL: Record<string, string> = { supported: '支持', partial: '部分支持', unsupported: '不支持', 'not-measurable': '无法测量' };

/** Heat class of a column: how much of its window is used up. */
function heat(c: ColumnSnapshot): string {
  if (c.state === 'blank' || c.state === 'stale') return 'h4';
  if (c.windowDays === undefined || c.ageDays === undefined) return 'hx';
  const used = c.ageDays / c.windowDays;
  return used < 0.25 ? 'h0' : used < 0.5 ? 'h1' : used < 0.7 ? 'h2' : used < 1 ? 'h3' : 'h4';
}

function columnsView(scope: SiteScope, snaps: ColumnSnapshot[]): SafeHtml {
  const cols = snaps.filter((c) => c.columnId !== HOMEPAGE_COLUMN && columnInScope(scope, c.name));
  if (!cols.length) return html`<p class="muted">还没有栏目快照（运行检查后显示）。</p>`;
  return html`<div class="strip" aria-hidden="true">${cols.map((c) => html`<span class="cell ${heat(c)}" title="${c.name}"></span>`)}</div>
  <div class="scroll"><table><thead><tr><th>栏目</th><th>类别</th><th>最新日期</th><th class="num">剩余天数</th><th>状态</th></tr></thead><tbody>
  ${cols.map((c) => {
    const left = c.windowDays !== undefined && c.ageDays !== undefined ? Math.floor(c.windowDays - c.ageDays) : undefined;
    return html`<tr><td><span class="cell ${heat(c)}"></span> ${extLink(c.url, c.name)}</td><td>${c.class}</td><td>${c.newestDate ?? '无'}</td>
      <td class="num">${left === undefined ? '—' : left}</td><td>${COLUMN_STATE[c.state] ?? c.state}${c.error ? html`<div class="muted">${c.error}</div>` : ''}</td></tr>`;
  })}</tbody></table></div>`;
}

function availabilityView(ctx: WebContext, siteId: string): SafeHtml {
  const now = ctx.now();
  const w = ctx.store.probes.window(siteId, now, 7);
  if (!w.probes) return html`<p class="muted">最近 7 天没有可用性监测记录（govhealth probe）。</p>`;
  const days: { day: string; n: number }[] = [];
  for (let i = 6; i >= 0; i--) {
    const day = new Date(now.getTime() - i * 86400_000).toISOString().slice(0, 10);
    days.push({ day, n: w.perDay[day] ?? 0 });
  }
  const max = Math.max(1, ...days.map((d) => d.n));
  return html`<p>监测 ${w.probes} 次，失败 ${w.failures} 次（${((w.ratio ?? 0) * 100).toFixed(1)}%）</p>
  <div class="bars">${days.map((d) => html`<span class="bar ${d.n < 20 ? 'bad' : ''} h-${Math.round((d.n / max) * 10)}" title="${`${d.day}：${d.n} 次`}"></span>`)}</div>
  <div class="muted">每天 20 次以上为达标；红色为当天监测不足</div>`;
}

function ipv6View(ctx: WebContext, siteId: string): SafeHtml {
  const r = ctx.store.ipv6.latest(siteId);
  if (!r) return html`<p class="muted">还没有 IPv6 测量（govhealth ipv6）。</p>`;
  const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(0)}%`);
  return html`<p>${IPV6_LABEL[r.verdict] ?? r.verdict} · 首页 ${r.homepageStatus} · 二级链接 ${pct(r.level2Rate)} · 三级链接 ${pct(r.level3Rate)}
    <span class="muted">（${r.measuredAt.slice(0, 10)}）</span></p>`;
}

/** Findings shown per check on the site page; the findings page lists them all. */
const PER_CHECK = 100;

function findingsView(ctx: WebContext, scope: SiteScope, open: Finding[], csrf: string, back: string): SafeHtml {
  if (!open.length) return html`<p class="ok-note">没有未解决的问题。</p>`;
  const marks = ctx.store.marks.bySite([scope.site.id]);
  const groups = new Map<string, Finding[]>();
  for (const f of open) groups.set(f.check, [...(groups.get(f.check) ?? []), f]);
  return html`${[...groups].map(
    ([check, list]) => html`<details class="card" open><summary><strong>${ctx.checkTitle(check)}</strong> <span class="muted">${check} · ${list.length} 条</span></summary>
    <div class="scroll"><table><thead><tr><th>级别</th><th>位置</th><th>证据</th><th>处理</th></tr></thead><tbody>
    ${list.slice(0, PER_CHECK).map((f) => html`<tr data-finding="${f.id}"><td>${severityBadge(f)}</td><td class="place">${placeView(f)}</td><td class="place">${evidenceView(f)}</td><td>${markView(f, marks.get(f.id), csrf, back)}</td></tr>`)}
    </tbody></table></div>${list.length > PER_CHECK ? html`<p><a href="/findings?site=${encodeURIComponent(scope.site.id)}&amp;check=${encodeURIComponent(check)}">另有 ${list.length - PER_CHECK} 条，在问题清单中查看全部</a></p>` : ''}</details>`,
  )}`;
}

function accountsView(sum: SiteSummary): SafeHtml {
  if (!sum.accounts.length) return html``;
  return html`<h2>政务新媒体账号</h2><div class="scroll"><table><thead><tr><th>账号</th><th>平台</th><th>结论</th><th>单项否决与其他问题</th></tr></thead><tbody>
  ${sum.accounts.map(
    (a) => html`<tr data-account="${a.accountId}"><td>${extLink(a.url, a.name)}</td><td>${a.platform}</td><td><span class="badge st-${a.state}">${STATE_LABEL[a.state]}</span></td>
    <td>${a.vetoes.map((v) => html`<div><span class="badge st-fail">否决</span> ${v.message}</div>`)}${a.problems.map((p) => html`<div class="muted">${p.message}</div>`)}${a.vetoes.length + a.problems.length ? '' : html`<span class="muted">无</span>`}</td></tr>`,
  )}
  </tbody></table></div>`;
}

/** GET /sites/:id */
export function registerSitePage(app: FastifyInstance, ctx: WebContext): void {
  app.get<{ Params: { id: string } }>('/sites/:id', async (req, reply) => {
    const viewer = pageViewer(req, reply);
    if (!viewer) return reply;
    const site = ctx.config.sites.find((s) => s.id === req.params.id);
    if (!site) throw new HttpError(404, 'not_found', '没有这个网站');
    const scope = siteScope(viewer, site);
    if (!scope) throw new HttpError(403, 'forbidden', '无权查看其他单位的网站');
    const [sum] = summarize(ctx, [scope]);
    const v = sum!.verdict;
    const csrf = req.session?.csrf ?? '';
    const back = `/sites/${encodeURIComponent(site.id)}`;
    const runs = ctx.store.dashboard.runs(site.id, 15);
    const body = html`<h1>${site.name} <span class="badge st-${sum!.state}">${STATE_LABEL[sum!.state]}</span></h1>
<div class="card"><div>${extLink(site.homepage)}</div>
  <div class="muted">${site.level}${site.region ? ` · ${site.region}` : ''}${site.code ? ` · 网站标识码 ${site.code}` : ''}${scope.whole ? '' : ' · 仅显示本人负责的栏目和账号'}</div>
  ${sum!.state === 'none' ? html`<p class="muted">尚未检查。</p>` : html`<p>得分 <strong>${v.score.value}</strong>${v.score.scaled ? '（按 75 分折算）' : ''}${v.complete ? '' : html` <span class="muted">部分指标未评估</span>`}</p>
  ${v.reasons.length ? html`<ul>${v.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}`}
</div>
<h2>单项否决</h2>
<div class="scroll"><table><thead><tr><th>指标</th><th>结果</th><th>说明</th></tr></thead><tbody>
${v.vetoes.map((x) => html`<tr><td>${x.name}</td><td><span class="badge ${x.status === 'triggered' ? 'st-fail' : x.warning ? 'st-risk' : 'st-none'}">${VETO_STATUS[x.status] ?? x.status}</span></td><td>${x.summary}${x.warning ? html`<div class="muted">预警：${x.warning}</div>` : ''}</td></tr>`)}
</tbody></table></div>
<h2>栏目更新</h2>${columnsView(scope, ctx.store.snapshots.latest(site.id, ctx.now()))}
<div class="grid"><div><h2>可用性（近 7 天）</h2>${availabilityView(ctx, site.id)}</div><div><h2>IPv6</h2>${ipv6View(ctx, site.id)}</div></div>
${accountsView(sum!)}
<h2>未解决的问题（${sum!.open.length}）</h2>
<p><a href="/findings?site=${encodeURIComponent(site.id)}">在问题清单中筛选、导出 CSV</a></p>
${findingsView(ctx, scope, sum!.open, csrf, back)}
<h2>检查记录</h2>
<div class="scroll"><table><thead><tr><th>时间</th><th>类型</th><th>状态</th><th class="num">问题数</th></tr></thead><tbody>
${runs.map((r) => html`<tr><td>${r.judgedAt.slice(0, 16).replace('T', ' ')}</td><td>${RUN_KIND[r.kind] ?? r.kind}</td><td>${RUN_STATUS[r.status] ?? r.status}</td><td class="num">${r.findings ?? '—'}</td></tr>`)}
</tbody></table></div>`;
    return reply.type('text/html; charset=utf-8').send(page({ title: site.name, body, nonce: req.nonce, viewer, csrf, active: '/' }));
  });
}
