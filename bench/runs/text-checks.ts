// bench run: the content checks alone (segmentation, typos, protected terms, sensitive terms, markings, personal
// data) over a generated corpus, on one core: characters and UTF-8 megabytes a second, and the time of each check.
// Wall seconds (scanS, perCheckS) and CPU seconds of the process (scanCpuS, perCheckCpuS): on a shared machine the
// wall figures grow with the load, the CPU figures much less; the load average is printed before and after.
import { loadavg } from 'node:os';
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
const perCheckCpu: Record<string, number> = {};
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
let hits = 0;
const loadBefore = loadavg()[0]!;
t = performance.now();
const cpu0 = process.cpuUsage();
for (const text of texts) {
  for (const check of checks) {
    const c0 = performance.now();
    const u0 = process.cpuUsage();
    hits += scanText(check, text, svc).length;
    perCheckCpu[check.id] = (perCheckCpu[check.id] ?? 0) + cpuMs(process.cpuUsage(u0));
    perCheck[check.id] = (perCheck[check.id] ?? 0) + performance.now() - c0;
  }
}
const scanCpuS = cpuMs(process.cpuUsage(cpu0)) / 1000;
const scanS = (performance.now() - t) / 1000;
const seconds = (ms: Record<string, number>) => Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v) / 1000]));
const load = [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0]! * 100) / 100];
const figures = { texts: texts.length, chars, bytes: utf8, hits, loadS, corpusS, scanS, perCheckS: seconds(perCheck), scanCpuS, perCheckCpuS: seconds(perCheckCpu), load };
process.stdout.write(`${JSON.stringify(figures)}\n`);
