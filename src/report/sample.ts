// report stage: the spot-check sample — stratified by level (省/市/县/部门) so every level present is
// represented, reproducible from a seed (the same registry, ratio and seed give the same sample).
import { LEVELS, type SiteConfig } from '../config/index.ts';

/** How many sites of each level there are and how many were drawn. */
export interface LevelSample {
  level: (typeof LEVELS)[number];
  total: number;
  sampled: number;
}

export interface Sample {
  /** `all`, or the share drawn from each level. */
  ratio: number | 'all';
  seed: number;
  byLevel: LevelSample[];
  /** Ids of the drawn sites, in level order then id. */
  siteIds: string[];
}

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws the sample: from each level, ⌈ratio × sites⌉ sites (at least one where the level has any), chosen by a
 * seeded shuffle of the level's sites sorted by id.
 */
export function drawSample(sites: readonly SiteConfig[], ratio: number | 'all', seed: number): Sample {
  const random = generator(seed);
  const byLevel: LevelSample[] = [];
  const siteIds: string[] = [];
  for (const level of LEVELS) {
    const ids = sites.filter((s) => s.level === level).map((s) => s.id).sort();
    const n = ratio === 'all' ? ids.length : Math.min(ids.length, Math.max(ids.length ? 1 : 0, Math.ceil(ratio * ids.length - 1e-9)));
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    const drawn = ids.slice(0, n).sort();
    byLevel.push({ level, total: ids.length, sampled: drawn.length });
    siteIds.push(...drawn);
  }
  return { ratio, seed, byLevel, siteIds };
}

/** Parses --sample: `all`, a ratio in (0, 1], or a percentage such as 30%. Undefined when invalid. */
export function parseSampleRatio(value: string): number | 'all' | undefined {
  const v = value.trim();
  if (v === 'all') return 'all';
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(v);
  const n = pct ? Number(pct[1]) / 100 : /^\d+(?:\.\d+)?$/.test(v) ? Number(v) : NaN;
  if (!(n > 0 && n <= 1)) return undefined;
  return n === 1 ? 'all' : n;
}
