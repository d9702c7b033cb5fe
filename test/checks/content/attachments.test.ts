// The content checks over real attachment files (PDF, DOCX, XLSX, DOC, XLS): exactly the planted findings;
// an unreadable file is one `skipped` finding with the reason, never silence.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS, type FindingDraft, type CheckContext } from '../../../src/checks/index.ts';
import { ATTACHMENTS, UNREADABLE } from '../../fixtures/content/manifest.ts';
import { context, service } from './helpers.ts';

const DIR = new URL('../../fixtures/content/', import.meta.url).pathname;
const CONTENT = CHECKS.filter((c) => c.group === 'content');
let ctx: CheckContext;
beforeAll(() => {
  ctx = context(service());
});

async function run(file: string): Promise<FindingDraft[]> {
  const doc = { url: `http://www.demo.test/files/${file}`, linkedFrom: 'http://www.demo.test/list.html', contentType: '', body: readFileSync(DIR + file) };
  return (await Promise.all(CONTENT.filter((c) => c.onAttachment).map((c) => c.onAttachment!(doc, ctx)))).flat();
}

describe('content checks on attachments', () => {
  for (const fx of ATTACHMENTS) {
    it(`report exactly the planted findings in ${fx.file}`, async () => {
      const drafts = await run(fx.file);
      const got = drafts.map((d) => `${d.check}|${String(d.evidence.masked ?? d.evidence.wrong ?? d.evidence.term ?? d.evidence.marking)}|${d.severity}`).sort();
      const want = fx.planted.map((p) => `${p.check}|${p.text}|${p.severity}`).sort();
      expect(got).toEqual(want);
      for (const d of drafts) {
        expect(d.url).toBe(`http://www.demo.test/files/${fx.file}`);
        expect(d.evidence.region).toBe('attachment');
        expect(JSON.stringify(d.evidence) + d.key.replace(/:[0-9a-f]{12}$/, '')).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}|62\d{14,17}/);
      }
    });
  }

  for (const u of UNREADABLE) {
    it(`report ${u.file} once as skipped with the reason`, async () => {
      const drafts = await run(u.file);
      expect(drafts).toHaveLength(1);
      expect(drafts[0]!.check).toBe('attachment.unreadable');
      expect(drafts[0]!.severity).toBe('info');
      expect(drafts[0]!.evidence.outcome).toBe('skipped');
      expect(String(drafts[0]!.evidence.reason)).toMatch(u.reason);
    });
  }

  it('skip an attachment over the size cap, saying which setting to change', async () => {
    const small = context(service({ attachments: { maxBytes: 1000, maxChars: 1000, timeoutMs: 30_000 } }));
    const doc = { url: 'http://www.demo.test/files/recipients.xlsx', linkedFrom: 'http://www.demo.test/', contentType: '', body: readFileSync(DIR + 'recipients.xlsx') };
    const drafts = (await Promise.all(CONTENT.filter((c) => c.onAttachment).map((c) => c.onAttachment!(doc, small)))).flat();
    expect(drafts).toHaveLength(1);
    expect(String(drafts[0]!.evidence.reason)).toContain('checks.content.attachments.maxBytes');
  });
});

describe('attachment.unreadable', () => {
  it('is the only check reporting an unreadable file, as information that counts against nobody', async () => {
    const ctx2 = context(service());
    const doc = { url: 'http://www.demo.test/files/broken.pdf', linkedFrom: 'http://www.demo.test/', contentType: 'application/pdf', body: readFileSync(DIR + 'broken.pdf') };
    const drafts = (await Promise.all(CHECKS.filter((c) => c.onAttachment).map((c) => c.onAttachment!(doc, ctx2)))).flat();
    expect(drafts.map((d) => [d.check, d.severity, d.evidence.outcome])).toEqual([['attachment.unreadable', 'info', 'skipped']]);
  });
});
