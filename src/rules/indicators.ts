// rules stage: the official indicators as data — loads config/indicators.yaml (or a replacement), validates it
// strictly, and applies the registry's overrides of numeric parameters.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { COLUMN_CLASSES } from '../config/index.ts';
import { ConfigError } from '../errors/index.ts';

/** Where the built-in indicators file lives. */
export const DEFAULT_INDICATORS_FILE = fileURLToPath(new URL('../../config/indicators.yaml', import.meta.url));

const params = z.record(z.string(), z.number());

const vetoItem = z.strictObject({
  id: z.string().regex(/^veto\.[a-z0-9-]+$/),
  name: z.string().min(1),
  group: z.string().min(1),
  source: z.string().min(1),
  rule: z.string().min(1),
  /** Check ids whose findings (or data) decide this item. */
  checks: z.array(z.string()).min(1),
  params: params.default({}),
  unconfirmedParams: z.array(z.string()).default([]),
});

const deductionItem = z.strictObject({
  id: z.string().regex(/^deduction\.[a-z0-9-]+$/),
  name: z.string().min(1),
  group: z.string().min(1),
  source: z.string().min(1),
  checks: z.array(z.string()).min(1),
  /** The indicator's points: deductions under it never exceed this. */
  points: z.number().positive(),
  /** Points deducted per problem. */
  perItem: z.number().positive(),
  params: params.default({}),
  unconfirmed: z.boolean().default(false),
});

const columnClass = z.strictObject({
  windowDays: z.number().int().positive().optional(),
  exempt: z.boolean().default(false),
  source: z.string().min(1),
  unconfirmed: z.boolean().default(false),
});

export const indicatorsSchema = z.strictObject({
  sources: z.record(z.string(), z.string()),
  model: z.strictObject({
    source: z.string(),
    fullScore: z.number().positive(),
    passScore: z.number().positive(),
    bonusAbove: z.number().positive(),
    bonusMax: z.number().min(0),
    serviceGroup: z.string(),
    serviceGroupPoints: z.number().min(0),
  }),
  columnClasses: z.record(z.enum(COLUMN_CLASSES), columnClass),
  veto: z.array(vetoItem),
  deductions: z.array(deductionItem),
});

export type Indicators = z.infer<typeof indicatorsSchema>;
export type VetoIndicator = Indicators['veto'][number];
export type DeductionIndicator = Indicators['deductions'][number];

/** Reads, validates and overrides an indicators file. Throws ConfigError naming each problem. */
export function loadIndicators(file: string = DEFAULT_INDICATORS_FILE, overrides: Record<string, number> = {}): Indicators {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`cannot read indicators file ${file}: ${(cause as Error).message}`, [], { cause });
  }
  const parsed = indicatorsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      `${file} is not a valid indicators file`,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`),
    );
  }
  return applyOverrides(parsed.data, overrides, file);
}

/** A copy of the indicators with `<item id>.<parameter>` values replaced; unknown keys are errors. */
export function applyOverrides(ind: Indicators, overrides: Record<string, number>, source = 'indicators'): Indicators {
  const out = structuredClone(ind);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const dot = key.lastIndexOf('.');
    const id = key.slice(0, dot);
    const name = key.slice(dot + 1);
    const veto = out.veto.find((v) => v.id === id);
    const ded = out.deductions.find((d) => d.id === id);
    if (veto && name in veto.params) veto.params[name] = value;
    else if (ded && (name === 'points' || name === 'perItem')) ded[name] = value;
    else if (ded && name in ded.params) ded.params[name] = value;
    else {
      const known = [...out.veto.map((v) => Object.keys(v.params).map((p) => `${v.id}.${p}`)), ...out.deductions.map((d) => [`${d.id}.points`, `${d.id}.perItem`, ...Object.keys(d.params).map((p) => `${d.id}.${p}`)])].flat();
      problems.push(`checks.freshness.overrides.${key}: expected one of ${known.join(', ')}, got an unknown parameter`);
    }
  }
  if (problems.length) throw new ConfigError(`overrides of ${source} name unknown parameters`, problems);
  return out;
}

/** A veto item's numeric parameter (throws when the data file lacks it: a broken indicators file). */
export function vetoParam(ind: Indicators, id: string, name: string): number {
  const v = ind.veto.find((x) => x.id === id)?.params[name];
  if (v === undefined) throw new ConfigError(`indicators: ${id}.${name} is missing`);
  return v;
}

/** A column class's window in days, or undefined when the class is exempt. */
export function classWindow(ind: Indicators, cls: (typeof COLUMN_CLASSES)[number]): number | undefined {
  const c = ind.columnClasses[cls];
  if (!c || c.exempt) return undefined;
  return c.windowDays;
}
