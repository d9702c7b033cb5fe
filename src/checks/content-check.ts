// checks stage: what the content checks (typos, protected terms, sensitive terms, markings, personal data) share —
// a check is a `scan` over plain text; this turns scans into page and attachment findings with masked evidence
// and a key that makes the same text on many pages (a footer) one finding.
import { createHash } from 'node:crypto';
import type { Check, CheckContext, Certainty, FindingDraft, Severity, PageSnapshot, AttachmentSnapshot } from './check.ts';
import type { ContentService } from '../text/content-service.ts';
import type { TextRegion } from '../text/extract-html.ts';
import { maskText } from '../text/mask.ts';

/** One problem found by a scan, with offsets into the scanned text. Everything in it is already masked. */
export interface TextHit {
  start: number;
  end: number;
  severity: Severity;
  certainty?: Certainty;
  /** Chinese explanation for editors, e.g. 「"秸杆"应为"秸秆"」. Masked. */
  message: string;
  /** What identifies the problem across pages (wrong form, masked number …). Masked. */
  keyPart: string;
  /** The suggestion, where there is one (right form, protected term). */
  suggestion?: string;
  /** Check-specific evidence (category, wrong form, protected term …). Masked. */
  evidence: Record<string, unknown>;
  /** Privacy and marking hits are never dropped by the allow-list. */
  allowable?: boolean;
}

/** Options a scan gets besides the text. */
export interface ScanOptions {
  siteId?: string;
  /** Page region of the text (`attachment` for attachments; absent for check-text drafts). */
  region?: TextRegion | 'attachment';
}

/** A content check: a text scan plus the Check contract built from it. */
export interface ContentCheck extends Check {
  scan(text: string, svc: ContentService, options?: ScanOptions): TextHit[];
}

/** The content service from the context; createServices builds it. */
export function contentService(ctx: Pick<CheckContext, 'services'>): ContentService {
  const svc = ctx.services.content as ContentService | undefined;
  if (!svc) throw new Error('ctx.services.content is missing: build services with createServices(config) before running content checks');
  return svc;
}

const SENTENCE_END = /[。！？!?；;\n]/;

/** The sentence (or table row) around [start, end), at most `max` characters either side. */
export function sentenceAround(text: string, start: number, end: number, max = 60): { text: string; start: number } {
  let s = start;
  while (s > 0 && start - s < max && !SENTENCE_END.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && e - end < max && !SENTENCE_END.test(text[e]!)) e++;
  if (e < text.length && text[e] !== '\n' && e - end < max) e++;
  return { text: text.slice(s, e).trim(), start: s };
}

/** Short stable hash of normalized context text. */
export function contextHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, '')).digest('hex').slice(0, 12);
}

/** Drops hits inside an occurrence of an allow-list phrase. */
export function applyAllowList(text: string, hits: TextHit[], allow: string[]): TextHit[] {
  if (!allow.length) return hits;
  return hits.filter((h) => {
    if (h.allowable === false) return true;
    for (const phrase of allow) {
      let i = text.indexOf(phrase, Math.max(0, h.end - phrase.length));
      while (i >= 0 && i <= h.start) {
        if (i <= h.start && i + phrase.length >= h.end) return false;
        i = text.indexOf(phrase, i + 1);
      }
    }
    return true;
  });
}

/** Scans text and applies the allow-list of the site. */
export function scanText(check: ContentCheck, text: string, svc: ContentService, options: ScanOptions = {}): TextHit[] {
  return applyAllowList(text, check.scan(text, svc, options), svc.allowFor(options.siteId));
}

function draft(check: ContentCheck, hit: TextHit, text: string, url: string, extra: Record<string, unknown>): FindingDraft {
  const sentence = sentenceAround(text, hit.start, hit.end);
  const snippet = maskText(sentence.text);
  return {
    check: check.id,
    key: `${check.id}:${hit.keyPart}:${contextHash(snippet)}`,
    severity: hit.severity,
    certainty: hit.certainty ?? 'certain',
    url,
    evidence: { message: hit.message, snippet, ...(hit.suggestion ? { suggestion: hit.suggestion } : {}), ...hit.evidence, ...extra },
  };
}

interface ContentCheckDefinition {
  id: string;
  title: string;
  description: string;
  /** Page regions scanned; default: all, including hidden text (defaced sites hide spam there). */
  regions?: TextRegion[];
  scan(text: string, svc: ContentService, options?: ScanOptions): TextHit[];
}

/** Builds a content check: onPage scans each region of the page text, onAttachment the attachment text. */
export function defineContentCheck(def: ContentCheckDefinition): ContentCheck {
  const check: ContentCheck = {
    id: def.id,
    title: def.title,
    description: def.description,
    group: 'content',
    scan: def.scan,
    onPage(page: PageSnapshot, ctx: CheckContext): FindingDraft[] {
      if (!ctx.config.checks.content.enabled) return [];
      const svc = contentService(ctx);
      const out: FindingDraft[] = [];
      for (const region of svc.pageText(page.$)) {
        if (def.regions && !def.regions.includes(region.region)) continue;
        for (const hit of scanText(check, region.text, svc, { siteId: ctx.site.id, region: region.region })) {
          const d = draft(check, hit, region.text, page.url, { region: region.region });
          if (page.column?.name) d.column = page.column.name;
          if (page.isHomepage) d.onHomepage = true;
          out.push(d);
        }
      }
      return out;
    },
    async onAttachment(doc: AttachmentSnapshot, ctx: CheckContext): Promise<FindingDraft[]> {
      if (!ctx.config.checks.content.enabled) return [];
      const svc = contentService(ctx);
      const result = await svc.attachmentText(doc.body, doc.url, doc.contentType);
      // An unreadable attachment is reported once, by attachment.unreadable: "could not check" is not a defect.
      if (result.status === 'skipped') return [];
      return scanText(check, result.text, svc, { siteId: ctx.site.id, region: 'attachment' }).map((hit) => {
        const d = draft(check, hit, result.text, doc.url, { region: 'attachment', format: result.format, linkedFrom: doc.linkedFrom });
        if (doc.column) d.column = doc.column;
        return d;
      });
    },
  };
  return check;
}
