// web stage: the state of each site as the overview shows it — verdict, at risk or not, vetoes triggered or near,
// open findings by category (only those the viewer may see), and the trend of open findings over crawls.
import type { Finding } from '../checks/check.ts';
// The file, not the stage's index: that one loads Playwright for the mirror renderer, which no page needs.
import { accountVerdicts, type AccountVerdict } from '../newmedia/account-verdict.ts';
import { checksRunFor, verdictFromStore, type SiteVerdict } from '../rules/index.ts';
import { inScope, type SiteScope } from './access.ts';
import type { WebContext } from './context.ts';

/** 不合格, at risk (合格 with a warning or a veto near), 合格, or never checked. */
export type SiteState = 'fail' | 'risk' | 'ok' | 'none';

export const STATE_LABEL: Record<SiteState, string> = { fail: '不合格', risk: '有风险', ok: '合格', none: '未检查' };
const STATE_ORDER: Record<SiteState, number> = { fail: 0, risk: 1, none: 2, ok: 3 };

/** Categories of findings on the overview, by check id prefix. */
export const CATEGORIES: { id: string; label: string; match: (check: string) => boolean }[] = [
  { id: 'links', label: '链接', match: (c) => c.startsWith('link.') },
  { id: 'freshness', label: '更新', match: (c) => c.startsWith('column.') || c.startsWith('homepage.') },
  { id: 'content', label: '内容', match: (c) => /^(typo|sensitive|secret|privacy)\./.test(c) },
  { id: 'availability', label: '可用性', match: (c) => c === 'availability' },
  { id: 'ipv6', label: 'IPv6', match: (c) => c.startsWith('ipv6.') },
];

export interface SiteSummary {
  scope: SiteScope;
  verdict: SiteVerdict;
  state: SiteState;
  /** Veto items triggered, and those with an early warning. */
  vetoes: string[];
  nearVetoes: string[];
  /** Open findings the viewer may see, by category id (and `other`). */
  counts: Record<string, number>;
  open: Finding[];
  trend: number[];
  /** The site's new-media accounts the viewer may see, each with its own verdict. */
  accounts: AccountSummary[];
}

/** An account as the pages show it: its verdict and its state. */
export interface AccountSummary extends AccountVerdict {
  state: SiteState;
}

const ACCOUNT_STATE: Record<AccountVerdict['result'], SiteState> = { 不合格: 'fail', 合格: 'ok', 未检查: 'none' };

/** 不合格 on a certain veto; at risk when a 合格 account has a warning (e.g. close to 14 days without a post). */
function accountState(a: AccountVerdict): SiteState {
  const state = ACCOUNT_STATE[a.result];
  return state === 'ok' && a.problems.some((p) => p.severity === 'warning') ? 'risk' : state;
}

/** The state of a verdict. */
export function stateOf(v: SiteVerdict): SiteState {
  if (!v.runs.length) return 'none';
  if (v.result === '不合格') return 'fail';
  if (v.warnings.length || v.vetoes.some((x) => x.warning)) return 'risk';
  return 'ok';
}

/** Summaries of sites, failing first, then at risk, never checked, and healthy; by name within a state. */
export function summarize(ctx: WebContext, scopes: SiteScope[]): SiteSummary[] {
  const now = ctx.now();
  const out = scopes.map((scope) => {
    const verdict = verdictFromStore(ctx.store, ctx.config, scope.site, now, ctx.indicators(), ctx.registered);
    const open = ctx.store.findings.list({ siteId: scope.site.id, status: 'open' }).filter((f) => inScope(scope, f));
    const counts: Record<string, number> = {};
    for (const f of open) {
      const cat = CATEGORIES.find((c) => c.match(f.check))?.id ?? 'other';
      counts[cat] = (counts[cat] ?? 0) + 1;
    }
    const surveyed = checksRunFor(ctx.store, scope.site.id).some((c) => c.startsWith('newmedia.'));
    const site = { accounts: scope.site.accounts.filter((a) => scope.whole || scope.accounts.has(a.name)) };
    const accounts = accountVerdicts(site, open, surveyed).map((a) => ({ ...a, state: accountState(a) }));
    return {
      scope,
      verdict,
      accounts,
      state: stateOf(verdict),
      vetoes: verdict.vetoes.filter((v) => v.status === 'triggered').map((v) => v.name),
      nearVetoes: verdict.vetoes.filter((v) => v.status !== 'triggered' && v.warning).map((v) => v.name),
      counts,
      open,
      trend: ctx.store.dashboard.openTrend(scope.site.id).map((t) => t.open),
    };
  });
  return out.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.scope.site.name.localeCompare(b.scope.site.name, 'zh'));
}
