// checks stage: interaction.missing (未提供网上有效咨询建言渠道) — no configured and no discovered 留言/咨询/信箱
// entry, or none of them opens: the website veto. One broken entry beside working ones is an error.
import type { Check, FindingDraft } from './check.ts';
import { sharedInteractionSurvey } from '../interaction/index.ts';

export const interactionMissing: Check = {
  id: 'interaction.missing',
  title: '未提供有效咨询建言渠道',
  description: 'Reports a site with no working online consultation channel: no configured (sites[].interaction) or discovered 留言/咨询/信箱 entry, or every entry broken (veto); a broken entry beside working ones is an error.',
  group: 'newmedia',
  async onSite(input, ctx) {
    if (!ctx.config.checks.newmedia.enabled) return [];
    const survey = await sharedInteractionSurvey(input, ctx);
    if (survey.discovery?.error) return [];
    const out: FindingDraft[] = [];
    const broken = survey.channels.filter((c) => c.read.outcome === 'error');
    const working = survey.channels.length - broken.length;
    if (!survey.channels.length) {
      out.push({
        check: 'interaction.missing',
        key: 'none',
        severity: 'veto',
        url: ctx.site.homepage,
        evidence: { message: '未提供网上有效咨询建言渠道：未配置互动交流栏目，首页也未发现留言、咨询或信箱入口', searched: ctx.config.checks.newmedia.interaction.entryPatterns },
      });
    }
    for (const c of broken) {
      out.push({
        check: 'interaction.missing',
        key: `broken:${c.id}`,
        severity: working ? 'error' : 'veto',
        url: c.column.url,
        target: c.column.url,
        column: c.column.name,
        evidence: {
          error: c.read.error,
          ...(c.read.status !== undefined ? { status: c.read.status } : {}),
          discovered: c.discovered,
          ...(c.column.editor ? { editor: c.column.editor } : {}),
          message: `互动交流入口“${c.column.name}”无法打开（${c.read.error}）${working ? '' : '，本站没有可用的网上咨询建言渠道'}`,
        },
      });
    }
    return out;
  },
};
