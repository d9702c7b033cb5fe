// new-media stage: the verdict of each account (政务新媒体 are judged one by one, and listed so in the notice's
// 新媒体名单): 单项否决 from its veto findings (内容不更新, 互动回应差, serious wording errors in its posts), the
// other problems (僵尸号, mirror not opening, post errors) listed. Pure: open findings and the site config in.
import type { Finding } from '../checks/check.ts';
import type { AccountConfig, SiteConfig } from '../config/index.ts';
import { accountId } from './read-account.ts';

export interface AccountVerdict {
  accountId: string;
  name: string;
  platform: string;
  url: string;
  editor?: string;
  result: '合格' | '不合格' | '未检查';
  /** Veto reasons (certain veto findings of the account). */
  vetoes: { check: string; message: string; findingId: string }[];
  /** Other open problems of the account (errors and warnings, certain or suspected). */
  problems: { check: string; severity: Finding['severity']; message: string; findingId: string }[];
}

const messageOf = (f: Finding) => String(f.evidence.message ?? `${f.check} ${f.target ?? f.url}`);

/**
 * One verdict per registered account of the site, from the site's open findings. `surveyed` says whether the
 * new-media checks have run for the site: an account never looked at is 未检查, not 合格.
 */
export function accountVerdicts(site: Pick<SiteConfig, 'accounts'>, findings: readonly Finding[], surveyed = true): AccountVerdict[] {
  return site.accounts.map((a: AccountConfig) => {
    const mine = findings.filter((f) => f.status === 'open' && (f.account === a.name || f.account === a.id));
    const vetoes = mine.filter((f) => f.severity === 'veto' && (f.certainty ?? 'certain') === 'certain');
    const problems = mine.filter((f) => !vetoes.includes(f) && f.severity !== 'info');
    const skipped = mine.some((f) => f.check === 'newmedia.stale' && f.evidence.outcome === 'skipped');
    const broken = mine.some((f) => f.check === 'newmedia.broken' && f.evidence.error !== 'interaction-closed');
    return {
      accountId: accountId(a),
      name: a.name,
      platform: a.platform,
      url: a.url,
      ...(a.editor ? { editor: a.editor } : {}),
      result: vetoes.length ? '不合格' : skipped || broken || (!surveyed && !mine.length) ? '未检查' : '合格',
      vetoes: vetoes.map((f) => ({ check: f.check, message: messageOf(f), findingId: f.id })),
      problems: problems.map((f) => ({ check: f.check, severity: f.severity, message: messageOf(f), findingId: f.id })),
    };
  });
}
