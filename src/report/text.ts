// report stage: the notice's wording — the paragraphs of 一、总体情况 and 二、主要问题 as plain text, shared by
// the HTML and DOCX outputs so both say exactly the same.
import type { Rate, ReportModel } from './model.ts';

const NUMERALS = ['一', '二', '三', '四'];

/** 2026年第三季度 for 2026Q3. */
export function quarterLabel(id: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(id);
  return m ? `${m[1]}年第${NUMERALS[Number(m[2]) - 1]}季度` : id;
}

/** 66.7%, or 不适用 when there is nothing to divide by. */
export function percent(r: Rate): string {
  return r.percent === undefined ? '不适用' : `${r.percent}%`;
}

/** YYYY-MM-DD of an ISO instant in a time zone (default Asia/Shanghai). */
export function localDate(iso: string | undefined, timeZone = 'Asia/Shanghai'): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** How the sample was drawn, in one sentence. */
export function sampleSentence(m: ReportModel): string {
  const how = m.sample.ratio === 'all' ? '全部网站' : `按省、市、县、部门分层抽取${Math.round(m.sample.ratio * 1000) / 10}%`;
  const levels = m.sample.byLevel.filter((l) => l.total).map((l) => `${l.level}级${l.sampled}/${l.total}`).join('，');
  return `本次检查${how}（随机种子 ${m.sample.seed}；${levels}），数据截至${localDate(m.quarter.asOf)}。`;
}

/** 一、总体情况, paragraph by paragraph. */
export function overviewParagraphs(m: ReportModel): string[] {
  const s = m.summary;
  const out = [
    `${m.quarter.label}，${m.area}正在运行的政府网站${s.sitesRunning}个，抽查${s.sitesChecked}个，抽查比例${percent(s.checkedRatio)}；` +
      `检查合格${s.sitesPassed}个，总体合格率${percent(s.passRate)}；不合格${s.sitesFailed}个` +
      (s.sitesNoData ? `；另有${s.sitesNoData}个网站本季度无检查数据，未作结论，不计入合格率。` : '。'),
    `正在运行的政务新媒体${s.accountsRunning}个，抽查${s.accountsChecked}个，合格${s.accountsPassed}个，不合格${s.accountsFailed}个` +
      (s.accountsNotChecked ? `；另有${s.accountsNotChecked}个账号本季度尚无检查数据，未作结论。` : '。'),
    `本季度检查发现问题${s.problems}个，截至通报时已整改${s.problemsFixed}个。` +
      (s.findErrorMessages === undefined ? '“我为政府网站找错”平台留言情况不在本系统统计范围内。' : `“我为政府网站找错”平台收到网民留言${s.findErrorMessages}条。`),
    s.fixRate.previousReport
      ? `上季度（${quarterLabel(s.fixRate.previousQuarter)}）通报的${s.fixRate.denominator}个问题中，已整改${s.fixRate.numerator}个，整改率${percent(s.fixRate)}。`
      : `上季度（${quarterLabel(s.fixRate.previousQuarter)}）无本系统生成的通报，整改率不作统计。`,
    sampleSentence(m),
  ];
  return out;
}

/** Headings of the 总体情况 table by level. */
export const LEVEL_HEADERS = ['层级', '运行网站', '抽查', '合格', '不合格', '无检查数据', '合格率'] as const;

/** One line per level for the 总体情况 table, in the order of LEVEL_HEADERS. */
export function levelRows(m: ReportModel): string[][] {
  return m.summary.byLevel
    .filter((l) => l.running)
    .map((l) => [`${l.level}级`, String(l.running), String(l.checked), String(l.passed), String(l.failed), String(l.noData), percent(l.passRate)]);
}

/** 二、主要问题: one heading and paragraph per problem type, naming examples. */
export function mainProblemParagraphs(m: ReportModel): { heading: string; text: string; examples: { siteName: string; description: string; url: string }[] }[] {
  return m.mainProblems.map((p, i) => ({
    heading: `（${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四'][i] ?? i + 1}）${p.type}`,
    text: `共发现${p.count}个问题，涉及${p.sites}个网站或账号。例如：`,
    examples: p.examples,
  }));
}
