// bench: summarises V8 CPU profiles (node --cpu-prof): the functions with the most self time, the most inclusive
// time among project files, and self time by package (a native frame counts for the package that called it).
// Usage: node --import tsx bench/profile-top.ts <file.cpuprofile>... [--top N] [--grep RE]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function label(n: ProfileNode): string {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const where = url ? `${url.includes('/node_modules/') ? url.slice(url.lastIndexOf('/node_modules/') + 14) : relative(process.cwd(), url)}:${n.callFrame.lineNumber + 1}` : '';
  return `${n.callFrame.functionName || '(anonymous)'} ${where}`.trim();
}

/** Where a frame's code lives: a package, a project file, a Node core module, or undefined for native code. */
function packageOf(n: ProfileNode): string | undefined {
  const { url, functionName } = n.callFrame;
  if (!url) return /^\(.*\)$/.test(functionName) ? functionName : undefined;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/')[0];
  return relative(process.cwd(), url.replace(/^file:\/\//, ''));
}

/** Self and inclusive milliseconds per function label, and self milliseconds per package. */
export function summarise(p: Profile): { totalMs: number; self: Map<string, number>; inclusive: Map<string, number>; packages: Map<string, number> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const packages = new Map<string, number>();
  let totalMs = 0;
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + ms);
    let pkg: string | undefined;
    for (let cur: number | undefined = id; cur !== undefined && !pkg; cur = parent.get(cur)) pkg = packageOf(byId.get(cur)!);
    packages.set(pkg ?? '(native)', (packages.get(pkg ?? '(native)') ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + ms);
    }
  });
  return { totalMs, self, inclusive, packages };
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, grep: { type: 'string' } } });
const top = Number(values.top);
for (const file of positionals) {
  const { totalMs, self, inclusive, packages } = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const pct = (ms: number) => `${((ms / totalMs) * 100).toFixed(1).padStart(5)}%`;
  process.stdout.write(`\n${file}: ${(totalMs / 1000).toFixed(1)} s sampled\nself time:\n`);
  for (const [l, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`  ${pct(ms)}  ${l}\n`);
  const filter = new RegExp(values.grep ?? '^(?!.*node_modules)(?!\\()[^ ]+ (src|bench)/');
  process.stdout.write(`inclusive time (${filter.source}):\n`);
  for (const [l, ms] of [...inclusive].filter(([l]) => filter.test(l)).sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`  ${pct(ms)}  ${l}\n`);
  process.stdout.write('self time by package (native code counted for its caller):\n');
  for (const [l, ms] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`  ${pct(ms)}  ${l}\n`);
}
