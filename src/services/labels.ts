// services stage: the labels under which a 办事指南 shows its ten elements (设定依据/法律依据/实施依据 …), and how a
// line of text is read as "label：value". No HTML here: guide-page.ts turns a page into lines first.
import { GUIDE_ELEMENTS, type GuideElement } from '../config/schema-services.ts';

/**
 * Built-in labels of each element. Wider is more conservative: an element is reported missing only when none of
 * its labels shows a value, so a usual wording missing here would be a false report. 办理时限/承诺时限 count as
 * 办理时间: a guide that states its time limit is not called missing it.
 */
export const ELEMENT_LABELS: Readonly<Record<GuideElement, readonly string[]>> = {
  事项名称: ['事项名称', '项目名称', '服务事项', '事项全称', '办理事项', '服务名称', '业务名称', '事项名'],
  设定依据: ['设定依据', '法律依据', '实施依据', '办理依据', '政策依据', '法定依据', '受理依据', '依据'],
  申请条件: ['申请条件', '受理条件', '办理条件', '申报条件', '申请人条件', '许可条件', '准予许可条件'],
  办理材料: ['办理材料', '申请材料', '申报材料', '所需材料', '提交材料', '材料清单', '申请材料目录', '办事材料', '所需资料', '申请资料', '提交资料'],
  办理地点: ['办理地点', '受理地点', '办公地址', '办理地址', '受理地址', '服务地点', '办事地点', '窗口地址', '受理窗口'],
  办理机构: ['办理机构', '实施机关', '受理机构', '实施主体', '实施机构', '受理部门', '办理部门', '受理单位', '办理单位', '承办机构', '决定机关', '实施部门'],
  收费标准: ['收费标准', '是否收费', '收费依据', '收费情况', '收费项目', '收费'],
  办理时间: ['办理时间', '受理时间', '办公时间', '工作时间', '服务时间', '窗口办公时间', '办理时限', '承诺时限'],
  联系电话: ['联系电话', '咨询电话', '咨询方式', '监督电话', '投诉电话', '联系方式', '咨询途径', '监督投诉方式', '咨询投诉电话', '服务电话'],
  办理流程: ['办理流程', '办理程序', '办事流程', '受理流程', '审批流程', '办理步骤', '工作流程', '业务流程', '流程'],
};

/** Values that say nothing: a dash, a slash, 暂无 … (无 alone is an answer, e.g. 收费标准：无). */
const PLACEHOLDER = /^(?:[-—–_－/／\\.。…·,，;；:：、|]*|暂无|待定|待补充|未填写|空|null|undefined|n\/a|none)$/i;

/** Whether a value has content. */
export function hasValue(value: string): boolean {
  const v = value.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');
  return v.length > 0 && !PLACEHOLDER.test(v);
}

/** A label found on a line: the element, where the label starts and where its value starts. */
export interface LabelHit {
  element: GuideElement;
  label: string;
  start: number;
  valueStart: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Characters of a label may be spread by spaces (办 理 地 点), as justified table cells print them. */
const spread = (label: string) => [...label].map(escape).join('[\\s\\u3000]*');

/** Numbering and brackets before a label at the start of a line: 一、 （一） 1. 【 ★ * */
const PREFIX = String.raw`(?:[（(]?(?:[一二三四五六七八九十]+|\d{1,2})[)）、.．]|[【\[〔《<]|[★☆●◆■*※])*`;
const SUFFIX = String.raw`[】\]〕》>]?`;

/** The label matchers of a set of labels: at a line's start, and after a separator in the middle (colon needed). */
export class LabelSet {
  private readonly byLabel = new Map<string, GuideElement>();
  private readonly atStart: RegExp;
  private readonly inLine: RegExp;
  private readonly whole: RegExp;

  constructor(extra: Partial<Record<GuideElement, readonly string[]>> = {}) {
    for (const el of GUIDE_ELEMENTS) for (const l of [...ELEMENT_LABELS[el], ...(extra[el] ?? [])]) if (!this.byLabel.has(l)) this.byLabel.set(l, el);
    const alt = [...this.byLabel.keys()].sort((a, b) => b.length - a.length).map(spread).join('|');
    // At the start: the label, then a colon, spaces before a value, or the end of the line.
    this.atStart = new RegExp(String.raw`^[\s\u3000]*${PREFIX}[\s\u3000]*(${alt})${SUFFIX}[\s\u3000]*(?:[:：][\s\u3000]*|(?=[\s\u3000])|$)`, 'u');
    // In the middle ("办理时间：9:00 联系电话：…"): after a space or a separator, and always with a colon.
    this.inLine = new RegExp(String.raw`(?<=[\s\u3000；;。，,|｜丨】\]）)])(${alt})${SUFFIX}[\s\u3000]*[:：][\s\u3000]*`, 'gu');
    this.whole = new RegExp(String.raw`^[\s\u3000]*${PREFIX}[\s\u3000]*(${alt})${SUFFIX}[\s\u3000]*[:：]?[\s\u3000]*$`, 'u');
  }

  private elementOf(matched: string): { element: GuideElement; label: string } | undefined {
    const label = matched.replace(/[\s\u3000]+/g, '');
    const element = this.byLabel.get(label);
    return element ? { element, label } : undefined;
  }

  /** Labels on a line, in order: one at the start (any form) and any further "label：" after a separator. */
  hits(line: string): LabelHit[] {
    const out: LabelHit[] = [];
    const first = this.atStart.exec(line);
    let from = 0;
    if (first) {
      const e = this.elementOf(first[1]!);
      if (e) out.push({ ...e, start: first.index, valueStart: first[0].length });
      from = first[0].length;
    }
    this.inLine.lastIndex = from;
    for (const m of line.matchAll(this.inLine)) {
      if (m.index < from) continue;
      const e = this.elementOf(m[1]!);
      if (e) out.push({ ...e, start: m.index, valueStart: m.index + m[0].length });
    }
    return out;
  }

  /** The element when the whole line is a label (a heading, a table cell, a dt), else undefined. */
  wholeLabel(line: string): GuideElement | undefined {
    const m = this.whole.exec(line);
    return m ? this.elementOf(m[1]!)?.element : undefined;
  }
}
