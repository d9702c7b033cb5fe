// report stage: the workbook for supervisors who filter and forward — one sheet per table of the notice and
// one row per problem (exceljs). Cells are plain strings and numbers: no formulas from crawled text.
import ExcelJS from 'exceljs';
import { ANNEX_COLUMNS, type AnnexRow, type ReportModel } from './model.ts';
import { LEVEL_HEADERS, levelRows, localDate } from './text.ts';

/** Sheet names, in order. */
export const SHEETS = ['总体情况', '不合格网站名单', '新媒体名单', '问题清单', '整改情况', '抽查名单'] as const;

/** A leading =, +, - or @ would make a spreadsheet read crawled text as a formula: prefix it with a quote. */
function cell(v: string | number): string | number {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function addSheet(wb: ExcelJS.Workbook, name: string, headers: readonly string[], rows: (string | number)[][], widths: number[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...headers]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(cell));
  ws.columns.forEach((c, i) => (c.width = widths[i] ?? 16));
  if (rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: headers.length } };
}

const annexRows = (rows: AnnexRow[]) => rows.map((r) => [r.no, r.region, r.name, r.code, r.url, r.result, r.types, r.description]);
const ANNEX_WIDTHS = [6, 18, 24, 14, 36, 10, 20, 60];

/** Renders the workbook; resolves to the .xlsx bytes. */
export async function renderXlsx(m: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = m.issuer;
  wb.created = new Date(m.generatedAt);
  wb.modified = new Date(m.generatedAt);
  const s = m.summary;
  addSheet(
    wb,
    '总体情况',
    ['项目', '数值'],
    [
      ['通报', m.title],
      ['季度', m.quarter.label],
      ['数据截至', localDate(m.quarter.asOf)],
      ['运行网站', s.sitesRunning],
      ['抽查网站', s.sitesChecked],
      ['抽查比例（%）', s.checkedRatio.percent ?? ''],
      ['合格网站', s.sitesPassed],
      ['不合格网站', s.sitesFailed],
      ['无检查数据、未作结论的网站', s.sitesNoData],
      ['合格率（%）', s.passRate.percent ?? ''],
      ['运行政务新媒体', s.accountsRunning],
      ['抽查政务新媒体', s.accountsChecked],
      ['合格政务新媒体', s.accountsPassed],
      ['不合格政务新媒体', s.accountsFailed],
      ['无检查数据的政务新媒体', s.accountsNotChecked],
      ['发现问题', s.problems],
      ['已整改问题', s.problemsFixed],
      [`上季度（${s.fixRate.previousQuarter}）通报问题`, s.fixRate.previousReport ? s.fixRate.denominator : '无通报'],
      ['其中已整改', s.fixRate.previousReport ? s.fixRate.numerator : ''],
      ['整改率（%）', s.fixRate.percent ?? ''],
      ['抽样', m.sample.ratio === 'all' ? '全部' : m.sample.ratio],
      ['随机种子', m.sample.seed],
      ...levelRows(m).map((r) => [`${r[0]}：${LEVEL_HEADERS.slice(1).join('/')}`, r.slice(1).join(' / ')]),
    ],
    [36, 60],
  );
  addSheet(wb, '不合格网站名单', ANNEX_COLUMNS, annexRows(m.annex.failedSites), ANNEX_WIDTHS);
  addSheet(wb, '新媒体名单', ANNEX_COLUMNS, annexRows(m.annex.accounts), ANNEX_WIDTHS);
  const problems = [
    ...m.sites.flatMap((site) => site.problems.map((p) => ({ p, owner: site.name, code: site.code, level: site.level as string }))),
    ...m.accounts.flatMap((a) => a.problems.map((p) => ({ p, owner: `${a.name}（${a.platform}）`, code: '', level: '新媒体' }))),
  ];
  addSheet(
    wb,
    '问题清单',
    ['序号', '层级', '网站/账号', '网站标识码', '问题类型', '检查项', '问题描述', '栏目', '问题网址', '所在页面', '首次发现', '最近发现', '整改情况', '问题编号'],
    problems.map(({ p, owner, code, level }, i) => [
      i + 1,
      level,
      owner,
      code,
      p.type,
      p.check,
      p.description,
      p.column ?? '',
      p.target ?? p.url,
      p.url,
      localDate(p.firstSeen),
      localDate(p.lastSeen),
      p.fixedAt ? `已整改（${localDate(p.fixedAt)}）` : '未整改',
      p.findingId,
    ]),
    [6, 8, 22, 14, 14, 16, 60, 14, 40, 40, 12, 12, 18, 20],
  );
  addSheet(
    wb,
    '整改情况',
    ['序号', '网站/账号', '问题类型', '问题描述', '网址', '整改情况', '问题编号'],
    m.fixTracking.items.map((f, i) => [i + 1, f.siteName, f.type, f.description, f.url, f.fixed ? `已整改${f.fixedAt ? `（${localDate(f.fixedAt)}）` : ''}` : '未整改', f.findingId]),
    [6, 22, 14, 60, 40, 18, 20],
  );
  addSheet(
    wb,
    '抽查名单',
    ['序号', '层级', '地区/主管单位', '网站名称', '网站标识码', '网址', '检查结果', '得分', '指标是否全部评估', '问题数'],
    m.sites.map((x, i) => [i + 1, x.level, x.region || x.name, x.name, x.code, x.homepage, x.result, x.score, x.complete ? '是' : '否（结论仅就已评估指标而言）', x.problems.length]),
    [6, 8, 18, 24, 14, 36, 10, 8, 20, 8],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
