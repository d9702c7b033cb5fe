// bench run: the content checks alone (segmentation, typos, protected terms, sensitive terms, markings, personal
// data) over a generated corpus, on one core: characters and UTF-8 megabytes a second, and the time of each check.
import { parseArgs } from 'node:util';
import { scanText } from '../../src/checks/content-check.ts';
import { contentChecks } from '../../src/cli/check-text.ts';
import { contentSettingsSchema } from '../../src/config/schema-content.ts';
import { createContentService } from '../../src/text/content-service.ts';
import { benchCorpus } from '../corpus.ts';

const { values } = parseArgs({ options: { mb: { type: 'string' }, seed: { type: 'string' } } });
const bytes = Math.round(Number(values.mb ?? 20) * 1024 * 1024);
let t = performance.now();
const svc = createContentService(contentSettingsSchema.parse({}));
const checks = contentChecks();
const loadS = (performance.now() - t) / 1000;
t = performance.now();
const texts = benchCorpus(bytes, values.seed ? Number(values.seed) : undefined);
const corpusS = (performance.now() - t) / 1000;
const chars = texts.reduce((s, x) => s + x.length, 0);
const utf8 = texts.reduce((s, x) => s + Buffer.byteLength(x), 0);
// Warm-up on a few texts (JIT, lazy dictionary indexes), not counted.
for (const text of texts.slice(0, 20)) for (const check of checks) scanText(check, text, svc);
const perCheck: Record<string, number> = {};
let hits = 0;
t = performance.now();
for (const text of texts) {
  for (const check of checks) {
    const c0 = performance.now();
    hits += scanText(check, text, svc).length;
    perCheck[check.id] = (perCheck[check.id] ?? 0) + performance.now() - c0;
  }
}
const scanS = (performance.now() - t) / 1000;
const perCheckS = Object.fromEntries(Object.entries(perCheck).map(([k, v]) => [k, Math.round(v) / 1000]));
process.stdout.write(`${JSON.stringify({ texts: texts.length, chars, bytes: utf8, hits, loadS, corpusS, scanS, perCheckS })}\n`);
