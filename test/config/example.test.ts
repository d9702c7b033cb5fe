import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../src/config/index.ts';

const example = fileURLToPath(new URL('../../config/example.yaml', import.meta.url));

/** The keys of a zod object schema (unwrapping defaults and optionals). */
function keysOf(schema: unknown): string[] {
  let s = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown; def?: { innerType?: unknown } };
  while (!s.shape && (s.unwrap || s.def?.innerType)) s = (s.unwrap ? s.unwrap() : s.def!.innerType) as typeof s;
  return Object.keys(s.shape ?? {});
}

describe('config/example.yaml', () => {
  it('is a valid registry', () => {
    expect(loadConfig(example, { vars: {} }).sites[0]!.id).toBe('example-county');
  });

  it('writes out every key of every settings group, so each one is documented there', () => {
    const text = readFileSync(example, 'utf8');
    const raw = parse(text) as Record<string, Record<string, unknown>>;
    // A key shown commented out (`# proxy: …`) counts as documented: it has no sensible example value.
    const commented = (key: string) => new RegExp(`^\\s*#\\s*${key}:`, 'm').test(text);
    const missing: string[] = [];
    for (const group of ['network', 'crawl', 'checks'] as const) {
      const groupSchema = configSchema.shape[group];
      for (const key of keysOf(groupSchema)) {
        if (!(key in raw[group]!) && !commented(key)) missing.push(`${group}.${key}`);
      }
    }
    for (const check of keysOf(configSchema.shape.checks)) {
      const checkSchema = (configSchema.shape.checks.unwrap().shape as Record<string, unknown>)[check];
      for (const key of keysOf(checkSchema)) {
        if (!(key in (raw.checks![check] as Record<string, unknown>)) && !commented(key)) missing.push(`checks.${check}.${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
