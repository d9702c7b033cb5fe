// config stage: settings of the freshness checks (columns, homepage), the availability probes and the verdict
// engine, under `checks.freshness` in the registry. The official numbers live in config/indicators.yaml.
import { z } from 'zod';

const siteId = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a site id');

const regex = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'expected a valid regular expression');

export const freshnessSettingsSchema = z.strictObject({
  /** Run the column, homepage and availability checks. */
  enabled: z.boolean().default(true),
  /** Path of an indicators file replacing the built-in config/indicators.yaml (relative to the registry file's folder). */
  indicators: z.string().optional(),
  /**
   * Overrides of numeric indicator parameters, keyed `<item id>.<parameter>`, e.g.
   * `veto.column-stale.warningFraction: 0.6` or `deduction.link-other.perItem: 0.2`.
   */
  overrides: z.record(z.string().regex(/^[a-z0-9.-]+\.[A-Za-z]+$/, 'expected <item id>.<parameter>'), z.number()).default({}),
  /** Pages of a column list followed at most (pagination), per column. */
  maxListPages: z.number().int().min(1).max(50).default(5),
  /** Article pages opened at most per column when its list shows no dates. */
  articleFallback: z.number().int().min(0).max(20).default(3),
  /** Second-level pages read at most when the homepage is navigation only. */
  maxSecondLevel: z.number().int().min(1).max(100).default(20),
  /** Sites whose columns are also discovered from the homepage navigation. */
  discoverColumns: z.array(siteId).default([]),
  /** Sites of units without public services (办事服务 is skipped and the score scaled by 4/3). */
  noPublicServices: z.array(siteId).default([]),
  /** Homepage items whose text matches one of these are volatile (clock, weather, visitor counter) and ignored. */
  volatilePatterns: z
    .array(regex)
    .default(['天气', '气温', '°C', '℃', '访问量', '访问人数', '浏览次数', '今天是', '星期[一二三四五六日天]', '农历', '当前时间', '在线人数']),
});

export type FreshnessSettings = z.infer<typeof freshnessSettingsSchema>;
