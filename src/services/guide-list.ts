// services stage: reading a 办事指南 list page — the guides it links to (one per row: the row's 办事指南 link, else its
// first link), the next page, and whether the list is drawn by script (then empty HTML proves nothing).
import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { SiteServicesConfig } from '../config/schema-services.ts';
import { parseListPage } from '../crawl/column-reader.ts';
import { absoluteWebUrl } from '../crawl/url.ts';
import { FURNITURE } from './guide-page.ts';

/** A guide as a list shows it. */
export interface GuideLink {
  title: string;
  url: string;
}

export interface GuideListPage {
  guides: GuideLink[];
  next?: string;
  /** The page loads its list by script. */
  scripted: boolean;
  /** The page says it has nothing (暂无信息 …). */
  emptyNotice?: string;
}

/** Links that are actions or pagination, never a guide of their own. */
const NOT_GUIDE = /^(?:更多|more|首页|上一页|上页|下一页|下页|尾页|末页|返回|打印|关闭|收藏|分享|\d+|>>|<<|»|«|>|<|在线办理|网上办理|在线申报|立即办理|我要办理|在线预约|预约办理|表格下载|样表下载|下载|在线咨询|咨询|评价|好差评|投诉|常见问题)$/i;
/** Link texts that say "the guide" without naming it: the row names the item. */
const GENERIC = /^(?:办事指南|服务指南|查看指南|指南|查看|详情|查看详情|点击查看|详细)$/;
const ROW = 'li, tr, dd, p';

const clean = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

/** The name of a row's item when its link says only 办事指南: the row's first cell or text without action words. */
function rowTitle($: ReturnType<typeof load>, row: AnyNode): string {
  const first = $(row).children('td, th').first();
  const text = clean(first.length ? first.text() : $(row).text());
  return text
    .split(' ')
    .filter((w) => !NOT_GUIDE.test(w) && !GENERIC.test(w))
    .join(' ')
    .slice(0, 120);
}

/** Guides, next page and state of one list page. `today` only feeds the shared pagination reader. */
export function parseGuideList(html: string, pageUrl: string, today: string, selectors?: SiteServicesConfig['selectors']): GuideListPage {
  const pagination = parseListPage(html, pageUrl, { today });
  const $ = load(html);
  $(FURNITURE).remove();
  const picked: { link: GuideLink; row: AnyNode | null }[] = [];
  const seen = new Set<string>();
  const take = (a: Element, row: AnyNode | null) => {
    const url = absoluteWebUrl($(a).attr('href'), pageUrl);
    if (!url || url === pageUrl || seen.has(url)) return;
    const text = clean($(a).attr('title') ?? '') || clean($(a).text());
    const title = GENERIC.test(text) && row ? rowTitle($, row) || text : text;
    seen.add(url);
    picked.push({ link: { title: title.slice(0, 120), url }, row });
  };

  if (selectors?.guide) {
    $(selectors.guide).each((_, row) => {
      const a = (selectors.link ? $(row).find(selectors.link) : $(row).find('a[href]')).filter('[href]').first().get(0) ?? ($(row).is('a[href]') ? row : undefined);
      if (a) take(a as Element, row);
    });
    return { guides: picked.map((p) => p.link), ...(pagination.next ? { next: pagination.next } : {}), scripted: !!pagination.scripted, ...(pagination.emptyNotice ? { emptyNotice: pagination.emptyNotice } : {}) };
  }

  // One link per row: the row's 办事指南 link if it has one, else its first link that is not an action.
  const rows = new Map<AnyNode, Element[]>();
  const loose: Element[] = [];
  $('a[href]').each((_, a) => {
    const text = clean($(a).text()) || clean($(a).attr('title') ?? '');
    if (text.length < 2 || NOT_GUIDE.test(text)) return;
    const row = $(a).closest(ROW).get(0);
    if (row) rows.set(row, [...(rows.get(row) ?? []), a]);
    else loose.push(a);
  });
  for (const [row, links] of rows) take(links.find((a) => /指南/.test(clean($(a).text()))) ?? links[0]!, row);
  for (const a of loose) take(a, a.parent);
  // The list is the largest group of rows sharing a container (tag and class): other links are not guides.
  const signature = (n: AnyNode | null) => (n && 'name' in n ? `${(n as Element).name}.${(n as Element).attribs.class ?? ''}` : '');
  const groups = new Map<string, GuideLink[]>();
  for (const p of picked) {
    const key = signature(p.row?.parent ?? null);
    groups.set(key, [...(groups.get(key) ?? []), p.link]);
  }
  const guides = [...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  return { guides, ...(pagination.next ? { next: pagination.next } : {}), scripted: !!pagination.scripted, ...(pagination.emptyNotice ? { emptyNotice: pagination.emptyNotice } : {}) };
}
