// report stage: building the report model of a quarter from what storage holds — the sample, each sampled
// site's verdict as of the quarter's end, the problems seen during the quarter with their proof, fix tracking
// against the previous quarter's report, the trend, and the notice's text parts.
import type { Finding } from '../checks/check.ts';
import { LEVELS, type AppConfig, type SiteConfig } from '../config/index.ts';
import { judgeSite, vetoParam, type Indicators, type SiteVerdict } from '../rules/index.ts';
import type { Store } from '../storage/index.ts';
import { maskText } from '../text/mask.ts';
import { previousModel, rate, trackFixes } from './fixes.ts';
import type { AnnexRow, ReportAccount, ReportModel, ReportProblem, ReportSite, ReportSummary } from './model.ts';
import { PROBLEM_TYPES, problemTypeOf, type ProblemType } from './problem-types.ts';
import { quarterBefore, type Quarter } from './quarter.ts';
import { drawSample } from './sample.ts';

export interface BuildOptions {
  quarter: Quarter;
  /** Share drawn from each level, or all sites. */
  ratio: number | 'all';
  seed: number;
  /** The clock: the quarter's state is taken at the earlier of this and the quarter's end. */
  now: Date;
  generatedAt: Date;
  indicators: Indicators;
  /** Check ids the product implements (items without any are "not assessed"). */
  registered?: string[];
}

const VETO_TYPES: Record<string, ProblemType> = {
  'veto.unreachable': '站点无法访问',
  'veto.homepage-stale': '更新不及时',
  'veto.column-stale': '更新不及时',
  'veto.interaction': '互动回应差',
  'veto.service': '办事指南要素缺失',
  'veto.serious-error': '严重表述错误',
  'veto.newmedia-stale': '新媒体更新不及时',
  'veto.newmedia-interaction': '新媒体未提供有效互动功能',
};

const counted = (f: Finding) => (f.severity === 'veto' || f.severity === 'error') && (f.certainty ?? 'certain') === 'certain';

function describe(f: Finding): string {
  const message = String(f.evidence.message ?? '').trim() || f.check;
  const snippet = typeof f.evidence.snippet === 'string' ? f.evidence.snippet.trim() : '';
  const shown = snippet && !message.includes(snippet) ? `${message}：“${snippet.length > 80 ? snippet.slice(0, 80) + '…' : snippet}”` : message;
  return maskText(f.column && !shown.includes(f.column) ? `${shown}（栏目：${f.column}）` : shown);
}

function toProblem(f: Finding, resolvedAt: string | undefined, asOf: Date): ReportProblem {
  const openAtEnd = !resolvedAt || resolvedAt > asOf.toISOString();
  return {
    findingId: f.id,
    check: f.check,
    type: problemTypeOf(f.check, f.severity),
    severity: f.severity,
    description: describe(f),
    url: maskText(f.url),
    ...(f.target ? { target: maskText(f.target) } : {}),
    ...(f.column ? { column: maskText(f.column) } : {}),
    ...(f.account ? { account: maskText(f.account) } : {}),
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    ...(f.status === 'resolved' && resolvedAt ? { fixedAt: resolvedAt } : {}),
    openAtQuarterEnd: openAtEnd,
  };
}

interface SiteState {
  site: SiteConfig;
  verdict: SiteVerdict;
  report: ReportSite;
  accountFindings: { finding: Finding; problem: ReportProblem | undefined }[];
  checksRun: string[];
}

function siteState(store: Store, config: AppConfig, site: SiteConfig, o: BuildOptions, asOf: Date): SiteState {
  const q = o.quarter;
  const all = store.findings.list({ siteId: site.id, status: 'all' });
  const resolved = store.reports.resolvedAt(all.map((f) => f.id));
  const asOfIso = asOf.toISOString();
  const seen = all.filter((f) => f.firstSeen <= asOfIso && f.lastSeen >= q.start.toISOString());
  const openAtEnd = seen.filter((f) => {
    const r = resolved.get(f.id);
    return !r || r > asOfIso;
  });
  const checksRun = [...new Set([...store.reports.checksRunBetween(site.id, q.start, asOf), ...openAtEnd.map((f) => f.check)])].sort();
  const windowDays = vetoParam(o.indicators, 'veto.unreachable', 'windowDays');
  const lastProbe = store.reports.lastProbeAt(site.id, q.start, asOf);
  const probeWindow = lastProbe ? store.probes.window(site.id, new Date(lastProbe), windowDays) : undefined;
  // Websites and new media are judged apart (two lists in the notice): the site's verdict leaves out the findings
  // about its accounts and the new-media veto items, which judge the accounts.
  const verdict = judgeSite({
    site,
    now: asOf,
    indicators: o.indicators,
    findings: openAtEnd.filter((f) => !f.account).map((f) => ({ ...f, status: 'open' as const })),
    ...(probeWindow ? { probeWindow } : {}),
    checksRun,
    ...(o.registered ? { registered: o.registered } : {}),
    hasPublicServices: !config.checks.freshness.noPublicServices.includes(site.id),
    snapshots: store.snapshots.latest(site.id, asOf),
  });
  const hasData = checksRun.length > 0 || !!probeWindow?.probes;
  const mediaItems = new Set(o.indicators.veto.filter((v) => v.group.includes('新媒体')).map((v) => v.id));
  const problems: ReportProblem[] = [];
  const accountFindings: SiteState['accountFindings'] = [];
  let suspected = 0;
  for (const f of seen) {
    const p = counted(f) ? toProblem(f, resolved.get(f.id), asOf) : undefined;
    if (f.account) accountFindings.push({ finding: f, problem: p });
    else if (p) problems.push(p);
    if (!counted(f) && (f.severity === 'veto' || f.severity === 'error') && openAtEnd.includes(f)) suspected++;
  }
  const report: ReportSite = {
    siteId: site.id,
    name: site.name,
    code: site.code ?? '',
    level: site.level,
    region: site.region ?? '',
    homepage: site.homepage,
    result: hasData ? verdict.result : '无检查数据',
    complete: verdict.notAssessed.every((n) => mediaItems.has(n.id)),
    score: verdict.score.value,
    reasons: hasData ? verdict.reasons.map(maskText) : ['本季度未对该网站运行任何检查，不作结论'],
    vetoes: verdict.vetoes.filter((v) => v.status === 'triggered' && !mediaItems.has(v.id)).map((v) => ({ id: v.id, name: v.name, summary: maskText(v.summary) })),
    ...(probeWindow
      ? { availability: { probes: probeWindow.probes, failures: probeWindow.failures, ...(probeWindow.ratio !== undefined ? { ratio: Math.round(probeWindow.ratio * 10000) / 10000 } : {}), windowEnd: probeWindow.to } }
      : {}),
    problems,
    suspected,
  };
  return { site, verdict, report, accountFindings, checksRun };
}

function accountsOf(state: SiteState): ReportAccount[] {
  const mediaRan = state.checksRun.some((c) => c.startsWith('newmedia.'));
  return state.site.accounts.map((a) => {
    const mine = state.accountFindings.filter((x) => x.finding.account === a.name || (a.id !== undefined && x.finding.account === a.id));
    const problems = mine.flatMap((x) => (x.problem ? [x.problem] : []));
    const checked = mediaRan || mine.length > 0;
    const failed = mine.some((x) => x.problem?.openAtQuarterEnd && x.finding.severity === 'veto');
    return {
      siteId: state.site.id,
      owner: state.site.region || state.site.name,
      name: a.name,
      platform: a.platform,
      url: a.url,
      result: !checked ? '未检查' : failed ? '不合格' : '合格',
      problems,
    };
  });
}

const typesOf = (problems: ReportProblem[], extra: ProblemType[] = []) =>
  PROBLEM_TYPES.filter((t) => extra.includes(t) || problems.some((p) => p.type === t && p.openAtQuarterEnd)).join('、');

/** 问题描述 of a failed site: why it failed, then its first open problems by severity. */
function siteDescription(s: ReportSite, shown = 3): string {
  const open = s.problems.filter((p) => p.openAtQuarterEnd);
  const named = open.slice(0, shown).map((p) => p.description);
  const more = open.length > shown ? `等${open.length}个问题` : '';
  return `${s.reasons.join('；')}${named.length ? `。主要问题：${named.join('；')}${more}` : ''}`;
}

function annexRows(sites: ReportSite[], accounts: ReportAccount[]): ReportModel['annex'] {
  const failedSites: AnnexRow[] = sites
    .filter((s) => s.result === '不合格')
    .map((s, i) => ({
      no: i + 1,
      region: s.region || s.name,
      name: s.name,
      code: s.code || '—',
      url: s.homepage,
      result: s.result,
      types: typesOf(s.problems, s.vetoes.map((v) => VETO_TYPES[v.id] ?? '其他问题')),
      description: siteDescription(s),
    }));
  const accountRows: AnnexRow[] = accounts.map((a, i) => {
    const open = a.problems.filter((p) => p.openAtQuarterEnd);
    return {
      no: i + 1,
      region: a.owner,
      name: `${a.name}（${a.platform}）`,
      code: '—',
      url: a.url,
      result: a.result,
      types: typesOf(a.problems),
      description: a.result === '未检查' ? '本季度无该账号的检查数据' : open.map((p) => p.description).join('；') || '未发现问题',
    };
  });
  return { failedSites, accounts: accountRows };
}

function summaryOf(config: AppConfig, sites: ReportSite[], accounts: ReportAccount[], fixes: ReturnType<typeof trackFixes>, previous: Quarter, hadPrevious: boolean): ReportSummary {
  const passed = sites.filter((s) => s.result === '合格').length;
  const failed = sites.filter((s) => s.result === '不合格').length;
  const all = [...sites.flatMap((s) => s.problems), ...accounts.flatMap((a) => a.problems)];
  const fixed = fixes.filter((f) => f.fixed).length;
  const checkedAccounts = accounts.filter((a) => a.result !== '未检查');
  return {
    sitesRunning: config.sites.length,
    sitesChecked: sites.length,
    checkedRatio: rate(sites.length, config.sites.length),
    sitesPassed: passed,
    sitesFailed: failed,
    sitesNoData: sites.length - passed - failed,
    passRate: rate(passed, passed + failed),
    byLevel: LEVELS.map((level) => {
      const of = sites.filter((s) => s.level === level);
      const p = of.filter((s) => s.result === '合格').length;
      const f = of.filter((s) => s.result === '不合格').length;
      return { level, running: config.sites.filter((s) => s.level === level).length, checked: of.length, passed: p, failed: f, noData: of.length - p - f, passRate: rate(p, p + f) };
    }),
    accountsRunning: config.sites.reduce((n, s) => n + s.accounts.length, 0),
    accountsChecked: checkedAccounts.length,
    accountsPassed: checkedAccounts.filter((a) => a.result === '合格').length,
    accountsFailed: checkedAccounts.filter((a) => a.result === '不合格').length,
    accountsNotChecked: accounts.length - checkedAccounts.length,
    problems: all.length,
    problemsFixed: all.filter((p) => p.fixedAt).length,
    byType: PROBLEM_TYPES.map((type) => ({ type, count: all.filter((p) => p.type === type).length })).filter((t) => t.count > 0),
    fixRate: { ...rate(fixed, fixes.length), previousQuarter: previous.id, previousReport: hadPrevious },
  };
}

function mainProblems(sites: ReportSite[], accounts: ReportAccount[], perType: number): ReportModel['mainProblems'] {
  const all = [
    ...sites.flatMap((s) => s.problems.map((p) => ({ p, siteId: s.siteId, name: s.name }))),
    ...accounts.flatMap((a) => a.problems.map((p) => ({ p, siteId: a.siteId, name: `${a.name}（${a.platform}）` }))),
  ];
  return PROBLEM_TYPES.flatMap((type) => {
    const of = all.filter((x) => x.p.type === type);
    if (!of.length) return [];
    // One example per site first, so the named examples spread over the units.
    const bySite = new Map<string, typeof of>();
    for (const x of of) bySite.set(x.name, [...(bySite.get(x.name) ?? []), x]);
    const examples: typeof of = [];
    for (let round = 0; examples.length < perType && examples.length < of.length; round++) {
      for (const list of bySite.values()) if (list[round] && examples.length < perType) examples.push(list[round]!);
    }
    return [{
      type,
      count: of.length,
      sites: new Set(of.map((x) => x.siteId)).size,
      examples: examples.map((x) => ({ siteName: x.name, description: x.p.description, url: x.p.target ?? x.p.url })),
    }];
  });
}

function requirements(config: AppConfig): ReportModel['requirements'] {
  const r = config.report;
  return {
    deadlineWorkingDays: r.fixDeadlineWorkingDays,
    paragraphs: [
      `请各地区、各部门对照本通报及附件所列问题，在通报印发之日起${r.fixDeadlineWorkingDays}个工作日内完成整改，并将整改情况书面报送${r.issuer}。`,
      '检查结果为不合格的网站和政务新媒体，其主管单位要认真分析原因、落实责任，逐项整改到位。',
      '各地区、各部门要举一反三，对照《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）加强日常监测，做到问题早发现、早整改；“我为政府网站找错”平台转办的网民留言须在3个工作日内办理反馈。',
    ],
  };
}

/** Builds the report model of a quarter. Deterministic: the same database, quarter, sample and seed give the same model (generatedAt aside). */
export function buildReport(store: Store, config: AppConfig, o: BuildOptions): ReportModel {
  const q = o.quarter;
  const asOf = new Date(Math.min(o.now.getTime(), q.end.getTime()));
  const sample = drawSample(config.sites, o.ratio, o.seed);
  const states = sample.siteIds.map((id) => siteState(store, config, config.sites.find((s) => s.id === id)!, o, asOf));
  const sites = states.map((s) => s.report);
  const accounts = states.flatMap(accountsOf);
  const prevQuarter = quarterBefore(q, 1, config.timeZone);
  const previous = previousModel(store, prevQuarter);
  const fixes = trackFixes(store, previous);
  const summary = summaryOf(config, sites, accounts, fixes, prevQuarter, !!previous);
  const trend: ReportModel['trend'] = [3, 2, 1].map((n) => {
    const pq = quarterBefore(q, n, config.timeZone);
    const m = previousModel(store, pq);
    return m
      ? { quarter: pq.id, label: pq.label, checked: m.summary.sitesChecked, passed: m.summary.sitesPassed, ...(m.summary.passRate.percent !== undefined ? { passRate: m.summary.passRate.percent } : {}) }
      : { quarter: pq.id, label: pq.label };
  });
  trend.push({ quarter: q.id, label: q.label, checked: summary.sitesChecked, passed: summary.sitesPassed, ...(summary.passRate.percent !== undefined ? { passRate: summary.passRate.percent } : {}) });
  return {
    format: 'govhealth.report/1',
    quarter: { id: q.id, label: q.label, start: q.start.toISOString(), end: q.end.toISOString(), asOf: asOf.toISOString() },
    issuer: config.report.issuer,
    area: config.report.area,
    title: `${config.report.issuer}关于${q.label}${config.report.area}政府网站和政务新媒体检查情况的通报`,
    generatedAt: o.generatedAt.toISOString(),
    sample,
    summary,
    mainProblems: mainProblems(sites, accounts, config.report.examplesPerType),
    requirements: requirements(config),
    sites,
    accounts,
    fixTracking: { previousQuarter: prevQuarter.id, items: fixes },
    trend,
    annex: annexRows(sites, accounts),
  };
}
