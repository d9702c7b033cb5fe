// rules stage: the verdict engine — applies the official verdict model to a site's open findings and probe
// history: 单项否决 (any → 不合格), 扣分 (score < 60 → 不合格; per-indicator caps; no double counting; units
// without public services scored out of 75 ×4/3), 加分 (> 80), and which indicators could not be assessed.
import type { Finding } from '../checks/check.ts';
import type { SiteConfig } from '../config/index.ts';
import { judgeAvailability } from '../probes/availability.ts';
import type { ColumnSnapshot, ProbeWindow } from '../storage/index.ts';
import type { DeductionIndicator, Indicators, VetoIndicator } from './indicators.ts';

/** Whether an indicator item fired, held, or could not be judged. */
export type ItemStatus = 'triggered' | 'clear' | 'not-assessed' | 'insufficient';

/** One line of proof: what, where, and the finding behind it. */
export interface EvidenceLine {
  text: string;
  url?: string;
  findingId?: string;
}

export interface VetoResult {
  id: string;
  name: string;
  rule: string;
  source: string;
  status: ItemStatus;
  /** A one-line account of the item (counts against thresholds). */
  summary: string;
  /** An early warning short of the veto. */
  warning?: string;
  evidence: EvidenceLine[];
  /** Checks of the item that have not run for the site (the item is judged on the rest). */
  missingChecks: string[];
  unconfirmed: string[];
}

export interface DeductionResult {
  id: string;
  name: string;
  group: string;
  status: 'deducted' | 'clear' | 'not-assessed' | 'skipped';
  count: number;
  perItem: number;
  points: number;
  deducted: number;
  capped: boolean;
  evidence: EvidenceLine[];
  unconfirmed: boolean;
  note?: string;
}

export interface SiteVerdict {
  siteId: string;
  siteName: string;
  judgedAt: string;
  result: '合格' | '不合格';
  /** False when some indicator could not be assessed: the result holds for what was assessed. */
  complete: boolean;
  reasons: string[];
  vetoes: VetoResult[];
  deductions: DeductionResult[];
  score: { value: number; deducted: number; outOf: number; scaled: boolean };
  bonus: { status: 'counted' | 'not-applicable' | 'not-assessed'; points?: number; note: string };
  warnings: string[];
  notAssessed: { id: string; name: string; reason: string }[];
  /** The runs behind the verdict, newest of each kind. */
  runs: { kind: string; id: number; judgedAt: string }[];
}

export interface VerdictInput {
  site: SiteConfig;
  now: Date;
  indicators: Indicators;
  /** Open findings of the site. */
  findings: Finding[];
  /** Probes of the availability window ending now, when probes are stored. */
  probeWindow?: ProbeWindow;
  /** Check ids that have run for this site (a finished run listed them). */
  checksRun: string[];
  /** Check ids the product implements; an item whose checks are all unknown is "no check yet". */
  registered?: string[];
  hasPublicServices: boolean;
  /** Latest snapshots of the site's columns and homepage (`@homepage`), shown as evidence of what was looked at. */
  snapshots?: ColumnSnapshot[];
  /** The runs the findings come from (kind, id, the time they judged at). */
  runs?: { kind: string; id: number; judgedAt: string }[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const ev = (f: Finding): EvidenceLine => ({
  text: String(f.evidence.message ?? `${f.check} ${f.target ?? f.url}`),
  url: f.target ?? f.url,
  findingId: f.id,
});

function coverage(checks: string[], input: VerdictInput): { ran: string[]; missing: string[]; reason?: string } {
  const ran = checks.filter((c) => input.checksRun.includes(c));
  const missing = checks.filter((c) => !ran.includes(c));
  if (ran.length) return { ran, missing };
  const implemented = input.registered ? checks.filter((c) => input.registered!.includes(c)) : checks;
  return {
    ran,
    missing,
    reason: implemented.length
      ? `检查 ${implemented.join('、')} 尚未对本站运行`
      : `尚无检查实现（需要 ${checks.join('、')}）`,
  };
}

function vetoBase(item: VetoIndicator, missing: string[]): Omit<VetoResult, 'status' | 'summary' | 'evidence'> {
  return { id: item.id, name: item.name, rule: item.rule, source: item.source, missingChecks: missing, unconfirmed: item.unconfirmedParams };
}

function judgeUnreachable(item: VetoIndicator, input: VerdictInput): VetoResult {
  const base = vetoBase(item, []);
  if (!input.probeWindow || !input.probeWindow.probes) {
    return { ...base, status: 'not-assessed', summary: '没有可用性监测记录（运行 govhealth probe，每天 20 次以上）', evidence: [] };
  }
  const j = judgeAvailability(input.probeWindow, input.indicators);
  const evidence: EvidenceLine[] = [
    { text: `监测 ${j.window.probes} 次，失败 ${j.window.failures} 次（${Object.entries(j.window.byFailure).map(([k, v]) => `${k} ${v}`).join('，') || '无'}）` },
    ...j.window.failed.map((p) => ({ text: `${p.probedAt} ${p.failure ?? ''}${p.status ? ` HTTP ${p.status}` : ''}${p.totalMs !== undefined ? ` ${p.totalMs} ms` : ''}`, url: p.url })),
  ];
  const status: ItemStatus = j.state === 'veto' ? 'triggered' : j.state === 'insufficient' ? 'insufficient' : 'clear';
  return { ...base, status, summary: j.message, ...(j.state === 'warning' ? { warning: j.message } : {}), evidence };
}

function judgeHomepage(item: VetoIndicator, input: VerdictInput): VetoResult {
  const cov = coverage(item.checks, input);
  const base = vetoBase(item, cov.missing);
  if (cov.reason) return { ...base, status: 'not-assessed', summary: cov.reason, evidence: [] };
  const f = input.findings.find((x) => x.check === 'homepage.stale');
  const snap = input.snapshots?.find((s) => s.columnId === '@homepage');
  const seen = snap?.newestDate ? `（最近一次更新 ${snap.newestDate}，${snap.ageDays} 天前）` : '';
  const clear = `首页 ${item.params.days} 天内有信息更新${seen}`;
  const shown: EvidenceLine[] = snap?.topItems.length ? snap.topItems.map((i) => ({ text: `首页最新信息：${i.title}${i.date ? ` ${i.date}` : ''}`, url: i.url })) : [];
  if (!f) return { ...base, status: 'clear', summary: clear, evidence: shown };
  const triggered = f.severity === 'veto';
  return {
    ...base,
    status: triggered ? 'triggered' : 'clear',
    summary: triggered ? String(f.evidence.message) : clear,
    ...(triggered ? {} : { warning: String(f.evidence.message) }),
    evidence: homepageEvidence(f, shown),
  };
}

function homepageEvidence(f: Finding, shown: EvidenceLine[]): EvidenceLine[] {
  const e = f.evidence as { newestTitle?: string; newestUrl?: string; newestDate?: string; secondLevel?: { name: string; url: string; newestDate?: string }[] };
  const lines: EvidenceLine[] = [];
  if (e.newestTitle) lines.push({ text: `最新信息：${e.newestTitle} ${e.newestDate ?? ''}`.trim(), url: e.newestUrl ?? f.url, findingId: f.id });
  for (const s of e.secondLevel ?? []) lines.push({ text: `二级页面“${s.name}”最新信息 ${s.newestDate ?? '无日期'}`, url: s.url, findingId: f.id });
  return lines.length ? lines : shown.length ? shown : [{ text: '首页', url: f.url, findingId: f.id }];
}

function judgeColumns(item: VetoIndicator, input: VerdictInput): VetoResult {
  const cov = coverage(item.checks, input);
  const base = vetoBase(item, cov.missing);
  if (cov.reason) return { ...base, status: 'not-assessed', summary: cov.reason, evidence: [] };
  const p = item.params as Record<string, number>;
  const stale = input.findings.filter((f) => f.check === 'column.stale');
  const blank = input.findings.filter((f) => f.check === 'column.blank');
  const key = stale.filter((f) => {
    const cls = f.evidence.class;
    return cls === '动态要闻' || ((cls === '通知公告' || cls === '政策文件') && f.evidence.topLevel !== false);
  });
  const hits: string[] = [];
  if (key.length >= p.staleCount!) hits.push(`动态要闻类及通知公告、政策文件类一级栏目未更新 ${key.length} 个（≥ ${p.staleCount}）`);
  if (stale.length >= p.longStaleCount!) hits.push(`应更新而未更新的栏目 ${stale.length} 个（≥ ${p.longStaleCount}）`);
  if (blank.length >= p.blankCount!) hits.push(`空白栏目 ${blank.length} 个（≥ ${p.blankCount}）`);
  const looked = input.snapshots?.filter((s) => s.columnId !== '@homepage');
  if (looked && !looked.length && !input.findings.some((f) => item.checks.includes(f.check))) {
    return { ...base, status: 'not-assessed', summary: '本站未配置栏目，也未开启栏目发现（checks.freshness.discoverColumns），无法评估', evidence: [] };
  }
  const unread = looked?.filter((s) => s.state === 'error') ?? [];
  const scope = looked ? `检查栏目 ${looked.length} 个${unread.length ? `（${unread.length} 个无法读取：${unread.map((s) => s.name).join('、')}）` : ''}；` : '';
  const summary = `${scope}要闻/通知/政策类未更新 ${key.length}/${p.staleCount}，未更新栏目 ${stale.length}/${p.longStaleCount}，空白栏目 ${blank.length}/${p.blankCount}`;
  const warnings: string[] = [];
  if (!hits.length && blank.length >= p.blankWarn!) warnings.push(`空白栏目已有 ${blank.length} 个（预警线 ${p.blankWarn}）`);
  if (!hits.length && key.length === p.staleCount! - 1) warnings.push(`要闻/通知/政策类未更新栏目已有 ${key.length} 个，再有 1 个即单项否决`);
  const near = input.findings.filter((f) => f.check === 'column.warning');
  if (near.length) warnings.push(`${near.length} 个栏目接近更新期限：${near.map((f) => f.column).join('、')}`);
  return {
    ...base,
    status: hits.length ? 'triggered' : 'clear',
    summary: hits.length ? `${hits.join('；')}。${summary}` : summary,
    ...(warnings.length ? { warning: warnings.join('；') } : {}),
    evidence: [...stale, ...blank].map(ev),
  };
}

function judgeByVetoFindings(item: VetoIndicator, input: VerdictInput): VetoResult {
  const cov = coverage(item.checks, input);
  const base = vetoBase(item, cov.missing);
  if (cov.reason) return { ...base, status: 'not-assessed', summary: cov.reason, evidence: [] };
  const vetoes = input.findings.filter((f) => item.checks.includes(f.check) && f.severity === 'veto');
  const hits = vetoes.filter((f) => (f.certainty ?? 'certain') === 'certain');
  const suspected = vetoes.length - hits.length;
  return {
    ...base,
    status: hits.length ? 'triggered' : 'clear',
    ...(suspected ? { warning: `${suspected} 个疑似问题待人工确认：${vetoes.filter((f) => f.certainty === 'suspected').slice(0, 3).map((f) => String(f.evidence.message ?? f.url)).join('；')}` } : {}),
    summary: hits.length ? `${hits.length} 个问题达到单项否决` : `未发现（已运行：${cov.ran.join('、')}${cov.missing.length ? `；未运行：${cov.missing.join('、')}` : ''}）`,
    evidence: hits.map(ev),
  };
}

/**
 * 服务不实用: service.guide's veto findings decide it, but a site that does not say where its 办事指南 are
 * (sites[].services) — or whose guides could not be read at all — is not assessed rather than passed.
 */
function judgeService(item: VetoIndicator, input: VerdictInput): VetoResult {
  const judged = judgeByVetoFindings(item, input);
  if (judged.status !== 'clear') return judged;
  const own = input.findings.filter((f) => item.checks.includes(f.check));
  if (!input.site.services && !own.length) return { ...judged, status: 'not-assessed', summary: '本站未配置办事指南列表（sites[].services），未评估' };
  const unassessed = own.find((f) => f.key === 'unassessed');
  if (unassessed) return { ...judged, status: 'not-assessed', summary: String(unassessed.evidence.message), evidence: [ev(unassessed)] };
  const p = item.params as Record<string, number>;
  const deficient = own.filter((f) => f.severity === 'error' && f.key.startsWith('guide:'));
  const near = deficient.length === p.guides! - 1 ? `缺少要素的办事指南已有 ${deficient.length} 个，再有 1 个即单项否决` : undefined;
  return {
    ...judged,
    summary: `缺少 ${p.missingElements} 个以上要素的办事指南 ${deficient.length} 个（否决线 ${p.guides} 个）`,
    ...(near ? { warning: [judged.warning, near].filter(Boolean).join('；') } : {}),
    evidence: deficient.map(ev),
  };
}

const linkTarget = (f: Finding) => f.target ?? f.url;

function judgeDeduction(item: DeductionIndicator, input: VerdictInput, counted: Set<string>): DeductionResult {
  const base = { id: item.id, name: item.name, group: item.group, perItem: item.perItem, points: item.points, unconfirmed: item.unconfirmed };
  const none = { count: 0, deducted: 0, capped: false, evidence: [] as EvidenceLine[] };
  if (!input.hasPublicServices && item.group === input.indicators.model.serviceGroup) {
    return { ...base, ...none, status: 'skipped', note: `本单位不提供办事服务，${item.group}不计分` };
  }
  const cov = coverage(item.checks, input);
  if (cov.reason) return { ...base, ...none, status: 'not-assessed', note: cov.reason };
  let problems: Finding[];
  if (item.id === 'deduction.policy-column-stale') {
    problems = input.findings.filter(
      (f) => (f.check === 'column.stale' || f.check === 'column.blank') && f.evidence.class === '政策文件' && f.evidence.topLevel !== false,
    );
  } else if (item.id === 'deduction.link-homepage' || item.id === 'deduction.link-other') {
    const home = item.id === 'deduction.link-homepage';
    problems = input.findings.filter((f) => item.checks.includes(f.check) && (f.certainty ?? 'certain') === 'certain' && !!f.onHomepage === home);
  } else {
    problems = input.findings.filter((f) => item.checks.includes(f.check) && f.severity !== 'info');
  }
  // 不重复扣分: one problem (a column, a link target) is deducted once, under the first indicator that takes it.
  const unique: Finding[] = [];
  for (const f of problems) {
    const k = item.id.startsWith('deduction.link') ? `link:${linkTarget(f)}` : `${f.check.split('.')[0]}:${f.column ?? f.key}`;
    if (counted.has(k)) continue;
    counted.add(k);
    unique.push(f);
  }
  const raw = unique.length * item.perItem;
  const deducted = round2(Math.min(item.points, raw));
  let note: string | undefined;
  if (item.id.startsWith('deduction.link')) {
    const suspected = input.findings.filter((f) => item.checks.includes(f.check) && f.certainty === 'suspected').length;
    if (suspected) note = `另有 ${suspected} 个疑似问题链接（待人工确认）未计`;
  }
  return {
    ...base,
    status: deducted > 0 ? 'deducted' : 'clear',
    count: unique.length,
    deducted,
    capped: raw > item.points,
    evidence: unique.map(ev),
    ...(note ? { note } : {}),
  };
}

/** The verdict of one site. Pure: everything comes in through the input. */
export function judgeSite(input: VerdictInput): SiteVerdict {
  const ind = input.indicators;
  const vetoes = ind.veto.map((item) => {
    switch (item.id) {
      case 'veto.unreachable':
        return judgeUnreachable(item, input);
      case 'veto.homepage-stale':
        return judgeHomepage(item, input);
      case 'veto.column-stale':
        return judgeColumns(item, input);
      case 'veto.service':
        return judgeService(item, input);
      default:
        return judgeByVetoFindings(item, input);
    }
  });
  const counted = new Set<string>();
  const deductions = ind.deductions.map((d) => judgeDeduction(d, input, counted));

  const m = ind.model;
  const scaled = !input.hasPublicServices;
  const outOf = scaled ? m.fullScore - m.serviceGroupPoints : m.fullScore;
  const deducted = round2(deductions.reduce((s, d) => s + d.deducted, 0));
  const value = round2(Math.max(0, outOf - deducted) * (m.fullScore / outOf));

  const reasons: string[] = [];
  const triggered = vetoes.filter((v) => v.status === 'triggered');
  for (const v of triggered) reasons.push(`单项否决：${v.name}（${v.summary}）`);
  if (value < m.passScore) reasons.push(`扣分后得分 ${value} 低于 ${m.passScore} 分`);
  const result = reasons.length ? '不合格' : '合格';

  const notAssessed = [
    ...vetoes.filter((v) => v.status === 'not-assessed' || v.status === 'insufficient').map((v) => ({ id: v.id, name: v.name, reason: v.summary })),
    ...deductions.filter((d) => d.status === 'not-assessed').map((d) => ({ id: d.id, name: d.name, reason: d.note ?? '' })),
  ];
  const portal = input.site.level !== '部门';
  let bonus: SiteVerdict['bonus'];
  if (!portal) bonus = { status: 'not-applicable', note: '加分项仅适用于门户网站' };
  else if (result !== '合格' || value <= m.bonusAbove) bonus = { status: 'not-applicable', note: `得分未超过 ${m.bonusAbove} 分或不合格，不计加分` };
  else bonus = { status: 'not-assessed', note: `得分超过 ${m.bonusAbove} 分，可计加分（满分 ${m.bonusMax}）；加分项尚无检查实现，未计` };

  const warnings = vetoes.filter((v) => v.warning).map((v) => `${v.name}：${v.warning}`);
  return {
    siteId: input.site.id,
    siteName: input.site.name,
    judgedAt: input.now.toISOString(),
    result,
    complete: notAssessed.length === 0,
    reasons,
    vetoes,
    deductions,
    score: { value, deducted, outOf, scaled },
    bonus,
    warnings,
    notAssessed,
    runs: input.runs ?? [],
  };
}
