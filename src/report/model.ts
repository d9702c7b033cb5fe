// report stage: the report model — everything the notice says, as plain data. Every output format renders this
// and only this; the JSON output is this model.
import type { LEVELS } from '../config/index.ts';
import type { ProblemType } from './problem-types.ts';
import type { Sample } from './sample.ts';

export type Level = (typeof LEVELS)[number];

/** One problem seen during the quarter, with its proof. Text fields come from crawled pages: untrusted, masked. */
export interface ReportProblem {
  findingId: string;
  check: string;
  type: ProblemType;
  severity: string;
  /** What was wrong (masked). */
  description: string;
  /** Where it was found. */
  url: string;
  target?: string;
  column?: string;
  account?: string;
  firstSeen: string;
  lastSeen: string;
  /** Resolved since (the time it was no longer seen), else undefined. */
  fixedAt?: string;
  /** Still open when the quarter's state was taken. */
  openAtQuarterEnd: boolean;
}

export interface ReportSite {
  siteId: string;
  name: string;
  code: string;
  level: Level;
  region: string;
  homepage: string;
  /** 无检查数据: no check ran for the site during the quarter — sampled, but no conclusion is drawn. */
  result: '合格' | '不合格' | '无检查数据';
  /** False when some indicator could not be assessed (the result holds for what was assessed). */
  complete: boolean;
  score: number;
  /** Why it failed (单项否决 items with their summaries, or the score). */
  reasons: string[];
  vetoes: { id: string; name: string; summary: string }[];
  /** Availability over the last week of probes in the quarter. */
  availability?: { probes: number; failures: number; ratio?: number; windowEnd: string };
  problems: ReportProblem[];
  /** Suspected problems awaiting a human look, not counted. */
  suspected: number;
}

export interface ReportAccount {
  siteId: string;
  /** 主管单位: the site's region or name. */
  owner: string;
  name: string;
  platform: string;
  url: string;
  result: '合格' | '不合格' | '未检查';
  problems: ReportProblem[];
}

/** A row of an annex table: 序号 | 地区/主管单位 | 网站名称 | 网站标识码 | 网址 | 检查结果 | 问题类型 | 问题描述. */
export interface AnnexRow {
  no: number;
  region: string;
  name: string;
  code: string;
  url: string;
  result: string;
  types: string;
  description: string;
}

/** The annex tables' column headings, exactly as the notices print them. */
export const ANNEX_COLUMNS = ['序号', '地区/主管单位', '网站名称', '网站标识码', '网址', '检查结果', '问题类型', '问题描述'] as const;

export interface FixItem {
  findingId: string;
  siteId: string;
  siteName: string;
  type: string;
  description: string;
  url: string;
  fixed: boolean;
  fixedAt?: string;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** Percentage with one decimal, undefined when the denominator is 0. */
  percent?: number;
}

export interface ReportSummary {
  sitesRunning: number;
  sitesChecked: number;
  checkedRatio: Rate;
  sitesPassed: number;
  sitesFailed: number;
  /** Sampled sites without any check during the quarter: no conclusion, left out of the pass rate. */
  sitesNoData: number;
  /** Passed over the sites with a conclusion (passed + failed). */
  passRate: Rate;
  byLevel: { level: Level; running: number; checked: number; passed: number; failed: number; noData: number; passRate: Rate }[];
  accountsRunning: number;
  accountsChecked: number;
  accountsPassed: number;
  accountsFailed: number;
  accountsNotChecked: number;
  /** Problems seen during the quarter on the sampled sites and accounts, and how many are fixed since. */
  problems: number;
  problemsFixed: number;
  byType: { type: ProblemType; count: number }[];
  /** 整改率 of the previous quarter's reported problems. */
  fixRate: Rate & { previousQuarter: string; previousReport: boolean };
  /** 我为政府网站找错 messages: not collected by this product yet. */
  findErrorMessages?: number;
}

export interface ReportModel {
  format: 'govhealth.report/1';
  quarter: { id: string; label: string; start: string; end: string; asOf: string };
  issuer: string;
  area: string;
  title: string;
  /** Time of generation: the only field that differs between two runs over the same data. */
  generatedAt: string;
  sample: Sample;
  summary: ReportSummary;
  /** 二、主要问题: by type, with named examples. */
  mainProblems: { type: ProblemType; count: number; sites: number; examples: { siteName: string; description: string; url: string }[] }[];
  requirements: { deadlineWorkingDays: number; paragraphs: string[] };
  sites: ReportSite[];
  accounts: ReportAccount[];
  fixTracking: { previousQuarter: string; items: FixItem[] };
  trend: { quarter: string; label: string; checked?: number; passed?: number; passRate?: number }[];
  annex: { failedSites: AnnexRow[]; accounts: AnnexRow[] };
}
