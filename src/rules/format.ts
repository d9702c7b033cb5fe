// rules stage: the verdict as plain text for a terminal — item by item, with evidence, as an inspector reads it.
import type { SiteVerdict } from './verdict.ts';

const STATUS: Record<string, string> = {
  triggered: '否决',
  clear: '通过',
  'not-assessed': '未评估',
  insufficient: '数据不足',
  deducted: '扣分',
  skipped: '不适用',
};

/** Renders verdicts as text; `evidenceLines` caps the evidence shown under each item. */
export function formatVerdictTable(verdicts: SiteVerdict[], evidenceLines = 8): string {
  const out: string[] = [];
  for (const v of verdicts) {
    out.push(`${v.siteName}（${v.siteId}） 检查时间 ${v.judgedAt}`);
    if (v.runs.length) out.push(`依据：${v.runs.map((r) => `${r.kind} 第 ${r.id} 次运行（${r.judgedAt}）`).join('；')}`);
    // A triggered veto fails the site whatever was not assessed; only a pass or a score-based fail is provisional.
    const vetoed = v.vetoes.some((x) => x.status === 'triggered');
    out.push(`结论：${v.result}${v.complete || vetoed ? '' : '（部分指标未评估，结论仅就已评估指标而言）'}`);
    for (const r of v.reasons) out.push(`  · ${r}`);
    out.push('单项否决：');
    for (const x of v.vetoes) {
      out.push(`  [${STATUS[x.status]}] ${x.name}：${x.summary}`);
      if (x.warning) out.push(`      预警：${x.warning}`);
      for (const e of x.evidence.slice(0, evidenceLines)) out.push(`      - ${e.text}${e.url ? `  ${e.url}` : ''}`);
      if (x.evidence.length > evidenceLines) out.push(`      … 另有 ${x.evidence.length - evidenceLines} 条`);
      if (x.missingChecks.length && x.status !== 'not-assessed') out.push(`      （未运行的检查：${x.missingChecks.join('、')}）`);
    }
    out.push(`扣分：得分 ${v.score.value}（扣 ${v.score.deducted} 分${v.score.scaled ? `，满分 ${v.score.outOf} 折算为百分制` : ''}）`);
    for (const d of v.deductions) {
      const amount = d.status === 'deducted' ? ` −${d.deducted}（${d.count} 项 × ${d.perItem}${d.capped ? `，封顶 ${d.points}` : ''}）` : '';
      out.push(`  [${STATUS[d.status]}] ${d.group} / ${d.name}${amount}${d.unconfirmed ? ' [分值未确认]' : ''}${d.note ? `：${d.note}` : ''}`);
      for (const e of d.evidence.slice(0, evidenceLines)) out.push(`      - ${e.text}${e.url ? `  ${e.url}` : ''}`);
      if (d.evidence.length > evidenceLines) out.push(`      … 另有 ${d.evidence.length - evidenceLines} 条`);
    }
    out.push(`加分：${v.bonus.note}`);
    if (v.warnings.length) {
      out.push('预警：');
      for (const w of v.warnings) out.push(`  · ${w}`);
    }
    if (v.notAssessed.length) {
      out.push('未能评估的指标：');
      for (const n of v.notAssessed) out.push(`  · ${n.name}：${n.reason}`);
    }
    out.push('');
  }
  return out.join('\n');
}
