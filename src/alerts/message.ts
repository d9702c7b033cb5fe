// alerts stage: what an alert says, as data — built once when the alert is decided (stored in the outbox) and
// rendered by each channel. Texts are Chinese and written for a busy editor: what, where, since when, what to do,
// by when. Every string taken from a finding is masked and flattened here; channels escape it for their format.
import type { Finding } from '../checks/check.ts';
import { clean } from './escape.ts';

/** One problem in a message. */
export interface AlertItem {
  findingId?: string;
  siteName: string;
  /** Check id and its Chinese title. */
  check: string;
  checkTitle: string;
  severity: Finding['severity'];
  suspected: boolean;
  /** What is wrong (masked, one line). */
  what: string;
  /** The page where it is. */
  url: string;
  /** The link target, where the problem is a link. */
  target?: string;
  /** 栏目 or 新媒体账号. */
  place?: string;
  /** Pages carrying the same problem. */
  pageCount: number;
  /** YYYY-MM-DD (in the configured zone) the problem was first seen, or closed for a resolved one. */
  since: string;
  /** What to do. */
  action: string;
  /** YYYY-MM-DD by which it should be fixed, or 立即. */
  deadline?: string;
}

export interface AlertSection {
  heading: string;
  items: AlertItem[];
  /** Free lines (veto summaries); untrusted parts already cleaned. */
  lines?: string[];
}

/** A message to one recipient. */
export interface AlertMessage {
  kind: 'notice' | 'escalation' | 'veto-warning';
  recipientName: string;
  /** Subject / title line. */
  title: string;
  /** One or two sentences above the lists. */
  intro: string;
  sections: AlertSection[];
  /** Last line: where the rule comes from, who sent it. */
  footer: string;
  /** ISO time the message was decided. */
  decidedAt: string;
}

/** What to do, by check id (prefix match on the part before the dot when there is no exact entry). */
const ACTIONS: Record<string, string> = {
  'link.broken': '修复链接地址或删除失效链接',
  'link.wrong': '更正为正确的链接地址',
  'link.hidden': '立即删除暗链，并排查网站是否被入侵篡改',
  'column.stale': '尽快更新栏目内容；确无内容的栏目按规定合并或撤销',
  'column.blank': '补充栏目内容，或撤销空白栏目',
  'column.warning': '栏目即将超过更新期限，请及时发布新信息',
  'homepage.stale': '尽快在首页发布新信息（满 2 周不更新即单项否决）',
  availability: '排查服务器、网络和防护设备，确保首页 15 秒内可以打开',
  typo: '核对原文并更正错别字',
  sensitive: '核查内容，必要时下线并按程序处理',
  'secret.marking': '立即下线，并按保密规定报告处理',
  privacy: '立即对个人信息去标识化（脱敏）或撤下页面/附件',
  ipv6: '配合完成 IPv6 改造（AAAA 记录、IPv6 访问与二三级链接）',
};

/** The action text of a check id. */
export function actionFor(check: string): string {
  return ACTIONS[check] ?? ACTIONS[check.split('.')[0]!] ?? '核查并整改';
}

const SEVERITY_WORDS: Record<Finding['severity'], string> = { veto: '单项否决', error: '问题', warning: '预警', info: '提示' };

/** Chinese word of a severity. */
export function severityWord(s: Finding['severity']): string {
  return SEVERITY_WORDS[s];
}

/** YYYY-MM-DD of an instant in a time zone. */
export function localDate(iso: string | Date, timeZone: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** The date `days` working days (Monday–Friday) after an instant, in a time zone. */
export function addWorkingDays(from: string | Date, days: number, timeZone: string): string {
  const start = localDate(from, timeZone);
  const d = new Date(`${start}T12:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

export interface ItemOptions {
  siteName: string;
  checkTitle: string;
  timeZone: string;
  fixWorkingDays: number;
  /** For a resolved notice: when it was found fixed. */
  resolvedAt?: Date;
}

/** A message item from a finding. */
export function itemFromFinding(f: Finding, o: ItemOptions): AlertItem {
  const message = typeof f.evidence.message === 'string' ? f.evidence.message : '';
  const snippet = typeof f.evidence.snippet === 'string' ? f.evidence.snippet : '';
  const what = clean(message || snippet || `${o.checkTitle}：${f.target ?? f.url}`);
  const place = f.column ? `栏目「${clean(f.column, 40)}」` : f.account ? `新媒体账号「${clean(f.account, 40)}」` : undefined;
  const deadline = o.resolvedAt ? undefined : f.severity === 'veto' ? '立即' : f.severity === 'warning' ? undefined : addWorkingDays(f.firstSeen, o.fixWorkingDays, o.timeZone);
  return {
    findingId: f.id,
    siteName: o.siteName,
    check: f.check,
    checkTitle: o.checkTitle,
    severity: f.severity,
    suspected: f.certainty === 'suspected',
    what,
    url: f.url,
    ...(f.target && f.target !== f.url ? { target: f.target } : {}),
    ...(place ? { place } : {}),
    pageCount: f.pageCount,
    since: localDate(o.resolvedAt ?? f.firstSeen, o.timeZone),
    action: o.resolvedAt ? '已整改，无需处理' : actionFor(f.check),
    ...(deadline ? { deadline } : {}),
  };
}

/** The daily notice of an editor: new problems, early warnings, and problems found fixed. */
export function editorNotice(input: {
  recipientName: string;
  date: string;
  fresh: AlertItem[];
  warnings: AlertItem[];
  resolved: AlertItem[];
  stillOpen: number;
  decidedAt: Date;
}): AlertMessage {
  const counts = [
    input.fresh.length ? `新问题 ${input.fresh.length} 项` : '',
    input.warnings.length ? `预警 ${input.warnings.length} 项` : '',
    input.resolved.length ? `已整改 ${input.resolved.length} 项` : '',
  ].filter(Boolean);
  const vetoes = input.fresh.filter((i) => i.severity === 'veto').length;
  const sections: AlertSection[] = [];
  if (input.fresh.length) sections.push({ heading: vetoes ? `新发现的问题（其中 ${vetoes} 项可致单项否决，请立即处理）` : '新发现的问题', items: input.fresh });
  if (input.warnings.length) sections.push({ heading: '预警（尚未违规，请提前处理）', items: input.warnings });
  if (input.resolved.length) sections.push({ heading: '已整改（复查已通过）', items: input.resolved });
  const others = input.stillOpen - input.fresh.length - input.warnings.length;
  return {
    kind: 'notice',
    recipientName: input.recipientName,
    title: `【政府网站监测】${input.date} ${counts.join('，')}`,
    intro: `${input.recipientName}，您好：以下是您负责的网站栏目和新媒体账号 ${input.date} 的监测结果。${others > 0 ? `此前通知过的问题另有 ${others} 项尚未整改。` : ''}`,
    sections,
    footer: '依据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）。本消息由 govhealth 自动发送，同一问题只通知一次；整改后复查通过会另行告知。',
    decidedAt: input.decidedAt.toISOString(),
  };
}

/** The supervisor's escalation: a veto item of a site fired (or is close to firing). */
export function escalation(input: {
  recipientName: string;
  siteName: string;
  siteUrl: string;
  vetoName: string;
  triggered: boolean;
  summary: string;
  evidence: AlertItem[];
  lines: string[];
  decidedAt: Date;
}): AlertMessage {
  const state = input.triggered ? '已触发单项否决' : '接近单项否决';
  return {
    kind: input.triggered ? 'escalation' : 'veto-warning',
    recipientName: input.recipientName,
    title: `【${input.triggered ? '单项否决' : '否决预警'}】${clean(input.siteName, 60)}：${input.vetoName}${state}`,
    intro: `${input.recipientName}，您好：${clean(input.siteName, 60)}（${input.siteUrl}）的「${input.vetoName}」${state}：${clean(input.summary)}。${
      input.triggered ? '按检查指标，该网站检查结果将为不合格，请督促立即整改。' : '请督促相关编辑在期限前整改。'
    }`,
    sections: [{ heading: '依据', items: input.evidence, lines: input.lines.map((l) => clean(l)) }],
    footer: '依据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决项。本消息由 govhealth 自动发送。',
    decidedAt: input.decidedAt.toISOString(),
  };
}
