// new-media stage: posts go through the same checks as pages — their text through the content checks (typos,
// protected terms, sensitive terms, markings, personal data) and their links through the broken-link verdict —
// and every finding carries the account and its editor.
import type { CheckContext, FindingDraft, LinkTarget, TargetFacts } from '../checks/check.ts';
import { contextHash, scanText, sentenceAround, type ContentCheck } from '../checks/content-check.ts';
import { brokenVerdict } from '../checks/link-broken.ts';
import { privacyBankCard } from '../checks/privacy-bank-card.ts';
import { privacyIdNumber } from '../checks/privacy-id-number.ts';
import { privacyPhone } from '../checks/privacy-phone.ts';
import { secretMarking } from '../checks/secret-marking.ts';
import { sensitiveTerm } from '../checks/sensitive-term.ts';
import { typoProtected } from '../checks/typo-protected.ts';
import { typoSerious } from '../checks/typo-serious.ts';
import type { AccountConfig, AppConfig } from '../config/index.ts';
import { FetchError } from '../crawl/fetch-error.ts';
import type { ContentService } from '../text/content-service.ts';
import { maskText } from '../text/mask.ts';
import type { AccountRead } from './read-account.ts';

/** The content checks posts go through (the same scans as pages). */
export const POST_CONTENT_CHECKS: readonly ContentCheck[] = [typoSerious, typoProtected, sensitiveTerm, secretMarking, privacyIdNumber, privacyPhone, privacyBankCard];

/** Evidence that attributes a finding to an account and its editor. */
export function accountEvidence(account: AccountConfig, config: Pick<AppConfig, 'editors'>): Record<string, unknown> {
  const editor = account.editor ? config.editors.find((e) => e.id === account.editor) : undefined;
  return {
    accountId: account.id ?? `${account.platform}:${account.name}`,
    platform: account.platform,
    mirror: account.url,
    ...(account.editor ? { editor: account.editor } : {}),
    ...(editor ? { editorName: editor.name } : {}),
  };
}

/** Content findings of an account's posts, under the content checks' ids, on the post's page (else the mirror). */
export function postContentFindings(read: AccountRead, svc: ContentService, ctx: Pick<CheckContext, 'site' | 'config'>): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const post of read.posts) {
    for (const check of POST_CONTENT_CHECKS) {
      for (const hit of scanText(check, post.text, svc, { siteId: ctx.site.id, region: 'main' })) {
        const snippet = maskText(sentenceAround(post.text, hit.start, hit.end).text);
        out.push({
          check: check.id,
          key: `${check.id}:${hit.keyPart}:${contextHash(snippet)}`,
          severity: hit.severity,
          certainty: hit.certainty ?? 'certain',
          url: post.url ?? read.account.url,
          account: read.account.name,
          evidence: {
            message: `政务新媒体“${read.account.name}”文章《${maskText(post.title).slice(0, 60)}》：${hit.message}`,
            snippet,
            ...(hit.suggestion ? { suggestion: hit.suggestion } : {}),
            ...hit.evidence,
            region: 'newmedia-post',
            postTitle: maskText(post.title).slice(0, 120),
            ...(post.date ? { postDate: post.date } : {}),
            ...accountEvidence(read.account, ctx.config),
          },
        });
      }
    }
  }
  return out;
}

async function probe(ctx: Pick<CheckContext, 'http'>, url: string): Promise<TargetFacts> {
  try {
    let res = await ctx.http.fetch(url, { method: 'HEAD', timeoutMs: 10_000 });
    // Servers that refuse or mishandle HEAD are common: any error status is confirmed with a GET.
    if (res.status >= 400) res = await ctx.http.fetch(url, { maxBytes: 64 * 1024, timeoutMs: 10_000 });
    return { url, outcome: 'fetched', status: res.status, finalUrl: res.finalUrl, redirects: res.redirects, contentType: res.headers['content-type'] ?? '', method: 'GET' };
  } catch (err) {
    if (err instanceof FetchError) return { url, outcome: 'error', errorKind: err.kind, errorMessage: err.message };
    throw err;
  }
}

/** Links of an account's posts that do not open, as `link.broken` findings (at most `max` links probed). */
export async function postLinkFindings(read: AccountRead, ctx: Pick<CheckContext, 'http' | 'config'>, max: number): Promise<FindingDraft[]> {
  const seen = new Map<string, { post: string; page: string; anchor: string }>();
  for (const post of read.posts) {
    for (const l of post.links) {
      if (seen.size >= max) break;
      if (!seen.has(l.url)) seen.set(l.url, { post: post.title, page: post.url ?? read.account.url, anchor: l.anchor });
    }
  }
  const out: FindingDraft[] = [];
  for (const [url, where] of seen) {
    const facts = await probe(ctx, url);
    const target: LinkTarget = { url, facts, occurrences: [{ page: where.page, anchor: where.anchor, tag: 'a' }], hiddenOccurrences: [], pageCount: 1, onHomepage: false, sameSite: false };
    const v = brokenVerdict(target);
    if (!v) continue;
    out.push({
      check: 'link.broken',
      key: url,
      severity: 'error',
      certainty: v.certain ? 'certain' : 'suspected',
      url: read.account.url,
      target: url,
      account: read.account.name,
      evidence: {
        anchor: where.anchor,
        tag: 'a',
        error: v.error,
        ...(v.status !== undefined ? { status: v.status } : {}),
        message: `政务新媒体“${read.account.name}”文章《${where.post.slice(0, 60)}》中的链接无法打开：${v.message}`,
        postTitle: where.post.slice(0, 120),
        ...accountEvidence(read.account, ctx.config),
      },
    });
  }
  return out;
}
