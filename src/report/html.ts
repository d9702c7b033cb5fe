// report stage: the notice as one self-contained HTML file for publication — inline CSS and SVG charts, no
// script, A4 print layout. Everything that came from a crawled page is escaped.
import { renderCharts } from './charts.ts';
import { ANNEX_COLUMNS, type AnnexRow, type ReportModel } from './model.ts';
import { LEVEL_HEADERS, levelRows, localDate, mainProblemParagraphs, overviewParagraphs, quarterLabel } from './text.ts';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

/** An http(s) link, or plain text when the URL is anything else (javascript: never becomes a link). */
function link(url: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${e(url)}" rel="noopener noreferrer nofollow">${e(url)}</a>` : e(url);
}

const CSS = `
@page { size: A4; margin: 25mm 20mm 20mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "FangSong", "FangSong_GB2312", "Noto Serif CJK SC", "Songti SC", serif; font-size: 12pt; line-height: 1.7;
  color: #000; max-width: 210mm; margin: 0 auto; padding: 10mm; }
h1 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 18pt; text-align: center; line-height: 1.5; margin: 0 0 1em; }
h2 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 14pt; margin: 1.2em 0 0.4em; }
h3 { font-family: "KaiTi", "Noto Serif CJK SC", serif; font-size: 12pt; margin: 0.8em 0 0.3em; }
p { text-indent: 2em; margin: 0.3em 0; }
p.meta { text-indent: 0; text-align: center; color: #444; font-size: 10.5pt; }
table { width: 100%; border-collapse: collapse; margin: 0.5em 0 1em; font-size: 9pt; line-height: 1.4; font-family: sans-serif; }
th, td { border: 1px solid #000; padding: 3px 4px; vertical-align: top; word-break: break-all; }
th { background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
td.no { text-align: center; width: 2.5em; }
figure { margin: 0.5em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
ul.examples { margin: 0.2em 0 0.6em 2em; padding: 0; }
ul.examples li { margin: 0.15em 0; }
ul.examples a, table a { color: #000; word-break: break-all; }
section.annex { page-break-before: always; break-before: page; }
.fixed { color: #060; }
.open { color: #a00; }
@media print { body { padding: 0; max-width: none; } a { text-decoration: none; } }
`;

function table(headers: readonly string[], rows: string[][], cls = '', widths: number[] = []): string {
  const cols = widths.length ? `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  return `<table${cls ? ` class="${cls}"` : ''}>${cols}<thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function annexTable(rows: AnnexRow[], id: string): string {
  if (!rows.length) return `<p id="${id}-empty">无。</p>`;
  return table(
    ANNEX_COLUMNS,
    rows.map((r) => [
      `<td class="no">${r.no}</td>`,
      `<td>${e(r.region)}</td>`,
      `<td>${e(r.name)}</td>`,
      `<td>${e(r.code)}</td>`,
      `<td>${link(r.url)}</td>`,
      `<td>${e(r.result)}</td>`,
      `<td>${e(r.types)}</td>`,
      `<td>${e(r.description)}</td>`,
    ]),
    `annex ${id}`,
    [5, 11, 13, 10, 17, 7, 12, 25],
  );
}

function problemDetails(m: ReportModel): string {
  const rows = [
    ...m.sites.flatMap((s) => s.problems.map((p) => ({ owner: s.name, p }))),
    ...m.accounts.flatMap((a) => a.problems.map((p) => ({ owner: `${a.name}（${a.platform}）`, p }))),
  ];
  if (!rows.length) return '<p>无。</p>';
  return table(
    ['序号', '网站/账号', '问题类型', '问题描述', '问题网址', '首次发现', '最近发现', '整改情况'],
    rows.map(({ owner, p }, i) => [
      `<td class="no">${i + 1}</td>`,
      `<td>${e(owner)}</td>`,
      `<td>${e(p.type)}</td>`,
      `<td>${e(p.description)}</td>`,
      `<td>${link(p.target ?? p.url)}${p.target && p.target !== p.url ? `<br>所在页面：${link(p.url)}` : ''}</td>`,
      `<td>${e(localDate(p.firstSeen))}</td>`,
      `<td>${e(localDate(p.lastSeen))}</td>`,
      p.fixedAt ? `<td class="fixed">已整改（${e(localDate(p.fixedAt))}）</td>` : '<td class="open">未整改</td>',
    ]),
    'details',
    [5, 12, 9, 30, 22, 8, 8, 6],
  );
}

function fixTable(m: ReportModel): string {
  const items = m.fixTracking.items;
  if (!m.summary.fixRate.previousReport) return `<p>上季度（${e(quarterLabel(m.fixTracking.previousQuarter))}）无本系统生成的通报。</p>`;
  if (!items.length) return '<p>上季度通报未列出待整改问题。</p>';
  return table(
    ['序号', '网站/账号', '问题类型', '问题描述', '网址', '整改情况'],
    items.map((f, i) => [
      `<td class="no">${i + 1}</td>`,
      `<td>${e(f.siteName)}</td>`,
      `<td>${e(f.type)}</td>`,
      `<td>${e(f.description)}</td>`,
      `<td>${link(f.url)}</td>`,
      f.fixed ? `<td class="fixed">已整改${f.fixedAt ? `（${e(localDate(f.fixedAt))}）` : ''}</td>` : '<td class="open">未整改</td>',
    ]),
    'fixes',
  );
}

/** Renders the notice as a self-contained HTML document. */
export function renderHtml(m: ReportModel): string {
  const charts = renderCharts(m);
  const overview = overviewParagraphs(m).map((t) => `<p>${e(t)}</p>`).join('\n');
  const levels = table(
    LEVEL_HEADERS,
    levelRows(m).map((r) => r.map((c) => `<td>${e(c)}</td>`)),
    'levels',
  );
  const problems = mainProblemParagraphs(m)
    .map(
      (p) =>
        `<h3>${e(p.heading)}</h3><p>${e(p.text)}</p><ul class="examples">${p.examples
          .map((x) => `<li>${e(x.siteName)}：${e(x.description)}（${link(x.url)}）</li>`)
          .join('')}</ul>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(m.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1 id="title">${e(m.title)}</h1>
<p class="meta">${e(m.issuer)} · ${e(localDate(m.generatedAt))}</p>
<section id="overview">
<h2>一、总体情况</h2>
${overview}
${levels}
<figure id="chart-pass-rate">${charts.passRateByLevel}</figure>
<figure id="chart-trend">${charts.trend}</figure>
</section>
<section id="problems">
<h2>二、主要问题</h2>
${m.mainProblems.length ? `<figure id="chart-problem-types">${charts.problemsByType}</figure>\n${problems}` : '<p>本季度抽查未发现问题。</p>'}
</section>
<section id="requirements">
<h2>三、整改要求</h2>
${m.requirements.paragraphs.map((t) => `<p>${e(t)}</p>`).join('\n')}
</section>
<section class="annex" id="annex-1">
<h2>附件1：不合格网站名单</h2>
${annexTable(m.annex.failedSites, 'failed-sites')}
</section>
<section class="annex" id="annex-2">
<h2>附件2：新媒体名单</h2>
${annexTable(m.annex.accounts, 'accounts')}
</section>
<section class="annex" id="annex-3">
<h2>附件3：问题明细</h2>
${problemDetails(m)}
</section>
<section class="annex" id="annex-4">
<h2>附件4：上季度问题整改情况</h2>
${fixTable(m)}
</section>
</body>
</html>
`;
}
