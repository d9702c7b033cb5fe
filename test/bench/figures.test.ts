// bench: the figures JSON of a benchmark invocation has a stable shape (checked on a tiny site; no timing asserted).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFigures, ratios, rssAtMarks, runFigures, targetChecks, type RunFigures } from '../../bench/figures.ts';
import { runBench } from '../../bench/main.ts';

function run(id: RunFigures['id'], pages: number, wallS: number, extra: Record<string, unknown> = {}): RunFigures {
  return runFigures({ id, label: id, ok: true, wallS, pages, links: pages * 2, peakRssMB: 100, cpuS: 1, load: { before: 'load 1', after: 'load 1' }, extra });
}

describe('bench figures', () => {
  it('computes rates, ratios by pages/s and the targets of the issue', () => {
    const runs = [run('server', 1000, 1), run('crawl-all', 1000, 10), run('crawl-links', 1000, 4), run('linkinator', 1000, 5), run('text', 10, 2, { mbPerS: 6 })];
    expect(runs[1]!.pagesPerS).toBe(100);
    const r = ratios(runs);
    expect(r['crawl-links/linkinator']).toBeCloseTo(1.25);
    expect(r['crawl-all/linkinator']).toBeCloseTo(0.5);
    expect(r['crawl-all/server-limit']).toBeCloseTo(0.1);
    const t = targetChecks(runs, r);
    expect(t.map((x) => x.met)).toEqual([true, false, true, true, null]);
    expect(formatFigures({ schema: 'govhealth-bench/1', startedAt: 'x', machine: { cpus: 2, node: 'v20', totalMemMB: 1 }, site: { pages: 1000, seed: 1, attachments: 20, images: 64, externalPages: 200 }, runs, ratios: r, targets: t })).toContain('MISSED');
  });

  it('keys RSS samples by the first sample at or past each page mark', () => {
    const samples = [
      { rssMB: 100, hwmMB: 100, progress: 5000 },
      { rssMB: 150, hwmMB: 160, progress: 10_500 },
      { rssMB: 140, hwmMB: 180, progress: 49_000 },
      { rssMB: 170, hwmMB: 180, progress: 51_000 },
    ];
    expect(rssAtMarks(samples, [10_000, 50_000, 100_000])).toEqual([
      { pages: 10_500, rssMB: 150, peakMB: 160 },
      { pages: 51_000, rssMB: 170, peakMB: 180 },
    ]);
  });

  it('writes figures of the same shape for every run on a tiny site', { timeout: 600_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'govhealth-bench-test-'));
    try {
      const figures = await runBench({ pages: 40, seed: 7, only: ['server', 'crawl-links', 'linkinator', 'text'], out, textMb: 0.05, concurrency: 4, profile: false, log: () => {} });
      const json = JSON.parse(JSON.stringify(figures));
      expect(json.schema).toBe('govhealth-bench/1');
      expect(json.site).toMatchObject({ pages: 40, seed: 7 });
      expect(json.runs.map((r: RunFigures) => r.id)).toEqual(['server', 'crawl-links', 'linkinator', 'text']);
      for (const r of json.runs as RunFigures[]) {
        expect(r.ok, `${r.id}: ${r.note}`).toBe(true);
        for (const key of ['wallS', 'pagesPerS', 'linksPerS', 'peakRssMB', 'cpuS'] as const) expect(typeof r[key], `${r.id}.${key}`).toBe('number');
        expect(r.load.before).toMatch(/^load /);
      }
      const byId = Object.fromEntries((json.runs as RunFigures[]).map((r) => [r.id, r]));
      // Both crawlers see the whole site: its 40 pages plus the pages that answer 404.
      expect(byId['crawl-links']!.pages).toBeGreaterThanOrEqual(40);
      expect(byId['linkinator']!.pages).toBe(byId['crawl-links']!.pages);
      expect(byId['text']!.extra).toHaveProperty('mbPerS');
      expect(Object.keys(json.ratios)).toContain('crawl-links/linkinator');
      expect(json.targets).toHaveLength(5);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
