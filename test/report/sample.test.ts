import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../src/config/index.ts';
import { drawSample, parseQuarter, parseSampleRatio, quarterBefore } from '../../src/report/index.ts';

const site = (id: string, level: SiteConfig['level']) => ({ id, level }) as SiteConfig;
const registry = [
  site('prov', '省'),
  ...Array.from({ length: 6 }, (_, i) => site(`city-${i}`, '市')),
  ...Array.from({ length: 20 }, (_, i) => site(`county-${String(i).padStart(2, '0')}`, '县')),
  ...Array.from({ length: 3 }, (_, i) => site(`dept-${i}`, '部门')),
];

describe('spot-check sample', () => {
  it('draws ⌈ratio × n⌉ sites from every level, at least one where a level has any', () => {
    const s = drawSample(registry, 0.3, 42);
    expect(s.byLevel).toEqual([
      { level: '省', total: 1, sampled: 1 },
      { level: '市', total: 6, sampled: 2 },
      { level: '县', total: 20, sampled: 6 },
      { level: '部门', total: 3, sampled: 1 },
    ]);
    expect(s.siteIds).toHaveLength(10);
    expect(new Set(s.siteIds).size).toBe(10);
  });

  it('the same seed draws the same sites whatever the registry order; another seed draws others', () => {
    const a = drawSample(registry, 0.3, 42);
    expect(drawSample([...registry].reverse(), 0.3, 42)).toEqual(a);
    const others = [1, 2, 3, 4, 5].map((seed) => drawSample(registry, 0.3, seed).siteIds.join());
    expect(others.some((ids) => ids !== a.siteIds.join())).toBe(true);
  });

  it('all takes every site', () => {
    expect(drawSample(registry, 'all', 1).siteIds).toHaveLength(registry.length);
  });

  it('--sample accepts all, a ratio and a percentage, and refuses the rest', () => {
    expect(parseSampleRatio('all')).toBe('all');
    expect(parseSampleRatio('0.3')).toBe(0.3);
    expect(parseSampleRatio('30%')).toBe(0.3);
    expect(parseSampleRatio('1')).toBe('all');
    for (const bad of ['0', '1.5', 'half', '-0.2', '']) expect(parseSampleRatio(bad)).toBeUndefined();
  });
});

describe('quarters', () => {
  it('2026Q4 runs from 1 October to 31 December in Shanghai time', () => {
    const q = parseQuarter('2026Q4');
    expect(q.label).toBe('2026年第四季度');
    expect(q.start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(q.end.toISOString()).toBe('2026-12-31T15:59:59.999Z');
    expect(quarterBefore(q).id).toBe('2026Q3');
    expect(quarterBefore(parseQuarter('2026Q1'), 1).id).toBe('2025Q4');
    expect(quarterBefore(q, 3).label).toBe('2026年第一季度');
  });

  it('a malformed quarter is a configuration error naming the option', () => {
    expect(() => parseQuarter('2026-10')).toThrow(/--quarter/);
  });
});
