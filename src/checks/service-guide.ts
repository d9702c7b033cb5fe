// checks stage: service.guide (服务不实用 — 未提供办事服务；办事指南要素缺失). Reads the 办事指南 lists a site configures
// (sites[].services), follows the guides and reports each guide missing ≥ 4 of the ten elements (error), the veto
// when ≥ 5 guides do (veto.service in the indicators), and 未提供办事服务 when no list opens or lists a guide. A site
// without a services block is not checked (the verdict says 未评估); what could not be read is info, never a defect.
import type { Check, FindingDraft } from './check.ts';
import { surveyServices, type GuideJudgement } from '../services/index.ts';

const CHECK = 'service.guide';

/** Guide, URL and missing elements, as every guide finding and the veto's list carry them. */
const guideEvidence = (g: GuideJudgement) => ({ title: g.guide.title, url: g.guide.url, missing: g.reading?.missing ?? [], ...(g.reading?.emptyLabels.length ? { emptyLabels: g.reading.emptyLabels } : {}) });

export const serviceGuide: Check = {
  id: CHECK,
  title: '办事指南要素缺失',
  description:
    'Reads the 办事指南 listed on the pages a site configures (sites[].services) and reports a guide missing at least 4 of the 10 elements (事项名称、设定依据 … 办理流程, under their usual labels, each with a value); 5 such guides, or no list that opens and lists a guide, is the 服务不实用 veto.',
  group: 'services',
  async onSite(_input, ctx) {
    if (!ctx.config.checks.services.enabled) return [];
    const survey = await surveyServices(ctx);
    if (!survey) return [];
    const { lists, guides, missingElements: min, guidesThreshold } = survey;
    const out: FindingDraft[] = [];
    const first = lists[0]!.url;
    const listed = lists.some((l) => l.guides.length);
    const scripted = lists.filter((l) => l.outcome === 'scripted');

    if (!listed && !scripted.length) {
      const why = lists.map((l) => (l.outcome === 'error' ? `${l.url} 无法打开（${l.error}）` : `${l.url} 未列出任何办事指南${l.emptyNotice ? `（“${l.emptyNotice}”）` : ''}`));
      out.push({
        check: CHECK,
        key: 'none',
        severity: 'veto',
        url: first,
        evidence: { message: `未提供办事服务：${why.join('；')}`, lists: lists.map((l) => ({ url: l.url, outcome: l.outcome, ...(l.error ? { error: l.error } : {}), ...(l.status ? { status: l.status } : {}) })) },
      });
      return out;
    }
    for (const l of lists) {
      if (l.outcome === 'error') {
        out.push({ check: CHECK, key: `list:${l.url}`, severity: 'error', url: l.url, target: l.url, evidence: { error: l.error, ...(l.status ? { status: l.status } : {}), message: `办事指南列表无法打开（${l.error}）` } });
      } else if (l.outcome === 'scripted') {
        out.push({ check: CHECK, key: `unread:${l.url}`, severity: 'info', url: l.url, evidence: { message: '办事指南列表由脚本生成，页面中没有指南链接，未检查' } });
      }
    }
    for (const g of guides) {
      if (g.outcome === 'broken') {
        out.push({ check: CHECK, key: `broken:${g.guide.url}`, severity: 'error', url: g.guide.url, target: g.guide.url, evidence: { title: g.guide.title, error: g.error, ...(g.status ? { status: g.status } : {}), message: `办事指南《${g.guide.title}》无法打开（${g.error}）` } });
      } else if (g.outcome === 'unread') {
        out.push({ check: CHECK, key: `unread:${g.guide.url}`, severity: 'info', url: g.guide.url, evidence: { title: g.guide.title, message: `办事指南《${g.guide.title}》：${g.reason}` } });
      } else if (g.deficient) {
        const e = guideEvidence(g);
        out.push({
          check: CHECK,
          key: `guide:${g.guide.url}`,
          severity: 'error',
          url: g.guide.url,
          evidence: { ...e, message: `办事指南《${g.guide.title}》缺少 ${e.missing.length} 个要素：${e.missing.join('、')}（缺少 ${min} 个及以上即要素缺失）` },
        });
      }
    }
    const deficient = guides.filter((g) => g.deficient);
    const judged = guides.filter((g) => g.outcome === 'judged').length;
    if (deficient.length >= guidesThreshold) {
      out.push({
        check: CHECK,
        key: 'guides',
        severity: 'veto',
        url: first,
        evidence: {
          message: `办事指南要素缺失：${deficient.length} 个办事指南缺少 ${min} 个以上要素（达到 ${guidesThreshold} 个即单项否决）：${deficient.map((g) => `《${g.guide.title}》`).join('、')}`,
          judged,
          guides: deficient.map(guideEvidence),
          ...(survey.truncated ? { truncated: true } : {}),
        },
      });
    }
    if (!judged) {
      out.push({ check: CHECK, key: 'unassessed', severity: 'info', url: first, evidence: { message: '没有读到可以检查的办事指南（列表由脚本生成，或指南无法打开、无法识别），服务不实用未评估' } });
    }
    return out;
  },
};
