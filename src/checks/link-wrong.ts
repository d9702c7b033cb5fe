// checks stage: link.wrong (错链) — a link that opens but is wrong: soft 404, intranet or loopback address
// (classified from the URL, never fetched), a name resolving to a private address, redirect loops, file://
// links, and placeholders (#, empty, javascript:void(0)) where an article link is expected.
import type { Check, CheckContext, FindingDraft, LinkTarget, PageSnapshot } from './check.ts';
import { linkFindingBase } from './link-evidence.ts';

/** Anchor texts of page controls that legitimately use placeholder hrefs. */
const CONTROL_WORDS =
  /^(返回顶部|回到顶部|顶部|top|打印|打印本页|打印此页|关闭|关闭窗口|关闭本页|收藏|加入收藏|设为首页|分享|分享到|更多|更多>>|展开|收起|上一页|下一页|首页|尾页|末页|切换|登录|注册|退出|搜索|检索|无障碍|长者模式|长辈版|关怀版|大字版|简体|繁体|简|繁|字体|大|中|小|放大|缩小|朗读|English|EN|微信|微博|抖音|二维码|扫一扫|APP|客户端|菜单|导航|[<>«»‹›]+|\d+)$/i;

const INTRANET_MESSAGES: Record<string, string> = {
  private: '链接指向内网地址',
  loopback: '链接指向本机地址',
  'link-local': '链接指向链路本地地址',
  localhost: '链接指向 localhost',
};

/** Whether a 200 page is a soft 404: a phrase in the title, or in a short page. */
export function isSoft404(t: LinkTarget, ctx: CheckContext): string | undefined {
  const f = t.facts;
  if (f.outcome !== 'fetched' || f.status === undefined || f.status >= 300) return undefined;
  const { soft404Phrases, soft404MaxTextLength } = ctx.config.checks.links;
  const title = f.title ?? '';
  const hitTitle = soft404Phrases.find((p) => title.includes(p));
  if (hitTitle) return hitTitle;
  if ((f.textLength ?? Infinity) <= soft404MaxTextLength) return soft404Phrases.find((p) => (f.textStart ?? '').includes(p));
  return undefined;
}

function wrongVerdict(t: LinkTarget, ctx: CheckContext): { error: string; message: string } | undefined {
  const f = t.facts;
  if (f.outcome === 'excluded' && f.errorKind === 'intranet') {
    return { error: 'intranet', message: `${INTRANET_MESSAGES[f.errorMessage ?? 'private'] ?? '链接指向内网地址'}，公众无法访问（未访问）` };
  }
  if (f.outcome === 'error' && f.errorKind === 'private-address') {
    // "refused to connect to X (X)": the link or its redirect names the address itself; else a name resolved to it.
    const literal = /refused to connect to (\S+) \(\1\)/.test(f.errorMessage ?? '');
    return { error: 'private-address', message: `${literal ? '链接（或其跳转）指向内网地址' : '域名解析到内网地址'}，公众无法访问（未访问）` };
  }
  if (f.outcome === 'error' && (f.errorKind === 'redirect-loop' || f.errorKind === 'too-many-redirects')) {
    return { error: f.errorKind, message: f.errorKind === 'redirect-loop' ? '重定向循环' : '重定向次数过多' };
  }
  const phrase = isSoft404(t, ctx);
  if (phrase) return { error: 'soft-404', message: `页面返回 HTTP ${f.status}，但内容为「${phrase}」（软 404）` };
  return undefined;
}

function pageFindings(page: PageSnapshot): FindingDraft[] {
  const parsed = (page as PageSnapshot & { parsed?: { placeholders: { raw: string; anchor: string; handled: boolean; hidden?: string }[]; fileLinks: { raw: string; url: string; anchor: string; tag: string }[] } }).parsed;
  if (!parsed) return [];
  const out: FindingDraft[] = [];
  for (const p of parsed.placeholders) {
    const anchor = p.anchor.trim();
    // A control (打印, 返回顶部 …), a link a script handles, or a hidden menu item is not an expected link.
    if (p.handled || p.hidden || [...anchor].length < 4 || CONTROL_WORDS.test(anchor)) continue;
    out.push({
      check: 'link.wrong',
      key: `placeholder|${p.raw}|${anchor}`,
      severity: 'error',
      url: page.url,
      target: p.raw,
      onHomepage: page.isHomepage,
      evidence: { anchor, error: 'placeholder', message: `链接「${anchor}」没有有效地址（${p.raw || '空'}）` },
    });
  }
  for (const f of parsed.fileLinks) {
    out.push({
      check: 'link.wrong',
      key: `file|${f.url}`,
      severity: 'error',
      url: page.url,
      target: f.url,
      onHomepage: page.isHomepage,
      evidence: { anchor: f.anchor, error: 'file-url', message: '链接指向编辑人员本机文件（file://），公众无法访问' },
    });
  }
  return out;
}

export const linkWrong: Check = {
  id: 'link.wrong',
  title: '错链',
  description: '链接能打开但不正确：软 404（页面提示不存在）、内网/本机地址（仅据地址判定，不访问）、解析到内网的域名、重定向循环、file:// 本机文件、应有链接处的空链接（#、javascript:void(0)）。',
  group: 'links',
  onPage: (page) => pageFindings(page),
  async onSite(site, ctx) {
    const out: FindingDraft[] = [];
    for await (const t of site.linkTargets()) {
      const v = wrongVerdict(t, ctx);
      if (!v) continue;
      out.push({ check: 'link.wrong', key: t.url, severity: 'error', ...linkFindingBase(t, v) });
    }
    return out;
  },
};
