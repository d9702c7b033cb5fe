// check-text over the fixture draft: exactly the planted findings, no trap, exit code 2; precision and recall.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheckText, lineColumn } from '../../../src/cli/check-text.ts';
import type { ContentService } from '../../../src/text/content-service.ts';
import { DRAFT } from '../../fixtures/content/manifest.ts';
import { service } from './helpers.ts';

const FILE = new URL('../../fixtures/content/draft.txt', import.meta.url).pathname;
let svc: ContentService;
beforeAll(() => {
  svc = service();
});

describe('check-text on the planted draft', () => {
  it('reports every planted defect with line, severity and suggestion, and nothing else', async () => {
    const r = await runCheckText({ input: FILE, format: 'json', service: svc });
    const got = r.findings.map((f) => `${f.check}|${f.text}|${f.severity}|${f.line}|${f.suggestion ?? ''}`).sort();
    const want = DRAFT.planted.map((p) => `${p.check}|${p.text}|${p.severity}|${p.line}|${p.suggestion ?? ''}`).sort();
    expect(got).toEqual(want);
    expect(r.exitCode).toBe(2);
    // Precision and recall on the fixture, printed for the closing note.
    const tp = got.filter((g) => want.includes(g)).length;
    console.log(`draft: precision ${(tp / got.length).toFixed(3)}, recall ${(tp / want.length).toFixed(3)} (${tp}/${want.length})`);
  });

  it('reports no trap: every finding lies outside the trap texts', async () => {
    const text = readFileSync(FILE, 'utf8');
    const r = await runCheckText({ input: FILE, format: 'json', service: svc });
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
    const spans = r.findings.map((f) => {
      const start = lineStarts[f.line - 1]! + f.column - 1;
      return [start, start + f.text.length] as const;
    });
    for (const trap of DRAFT.traps) {
      let i = text.indexOf(trap.text);
      expect(i, `trap "${trap.text}" is in the draft`).toBeGreaterThanOrEqual(0);
      for (; i >= 0; i = text.indexOf(trap.text, i + 1)) {
        const end = i + trap.text.length;
        const hit = spans.find(([s, e]) => s < end && e > i);
        expect(hit, `trap "${trap.text}" (${trap.why}) must not be reported`).toBeUndefined();
      }
    }
  });

  it('prints a table with masked personal data and exits 0 on a clean draft', async () => {
    const r = await runCheckText({ input: FILE, service: svc });
    expect(r.output).toContain('139****8888');
    expect(r.output).not.toContain('13912348888');
    expect(r.output).not.toContain('330683199207150040');
    const clean = await runCheckText({ input: '-', stdin: Readable.from([Buffer.from('县政府召开常务会议，研究部署秸秆综合利用工作。\n')]), service: svc });
    expect(clean.exitCode).toBe(0);
    expect(clean.output).toContain('未发现问题');
  });

  it('checks HTML drafts by their visible text and reports only warnings with exit code 0', async () => {
    const html = '<html><head><title>通知</title><script>var s="秸杆";</script></head><body><p>各单位要再接再励。</p></body></html>';
    const r = await runCheckText({ input: '-', format: 'json', stdin: Readable.from([Buffer.from(html)]), service: svc });
    expect(r.format).toBe('html');
    expect(r.findings.map((f) => f.text)).toEqual(['再接再励']);
    expect(r.exitCode).toBe(0);
  });

  it('gives 1-based line and column', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});
