// False-positive rate of the content checks on a clean corpus of generated government prose (≥ 200,000 characters):
// at most 2 findings per 100,000 characters.
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../src/checks/index.ts';
import { scanText, type ContentCheck } from '../../../src/checks/content-check.ts';
import { cleanCorpus } from '../../fixtures/content/clean-corpus.ts';
import { service } from './helpers.ts';

describe('content checks on the clean corpus', () => {
  it('report at most 2 findings per 100,000 characters', () => {
    const svc = service();
    const text = cleanCorpus();
    expect(text.length).toBeGreaterThanOrEqual(200_000);
    const started = performance.now();
    const found: string[] = [];
    for (const check of CHECKS.filter((c) => c.group === 'content' && c.onPage) as ContentCheck[]) {
      for (const h of scanText(check, text, svc)) found.push(`${check.id} ${text.slice(Math.max(0, h.start - 10), h.end + 10)}`);
    }
    const ms = performance.now() - started;
    const rate = (found.length / text.length) * 100_000;
    console.log(`clean corpus: ${text.length} chars, ${found.length} findings, ${rate.toFixed(2)} per 100k chars, scanned in ${ms.toFixed(0)} ms`);
    if (found.length) console.log(found.join('\n'));
    expect(rate).toBeLessThanOrEqual(2);
  });
});
