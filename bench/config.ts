// bench: the govhealth configs of the crawl runs (all checks; links only; browser over bucket 0) for a served site.
import { BENCH_HOST, SECTIONS } from './site.ts';

export type CrawlKind = 'all' | 'links' | 'browser';

export interface BenchConfigOptions {
  kind: CrawlKind;
  port: number;
  dnsPort: number;
  pages: number;
  dataDir: string;
  /** Parallel page fetches (politeness per host and crawl.maxConcurrency). */
  concurrency?: number;
}

const q = (s: string) => JSON.stringify(s);

/** A complete config: DNS through the bench stub on loopback, loopback allowed, nothing else reachable. */
export function benchConfigYaml(o: BenchConfigOptions): string {
  const origin = `http://${BENCH_HOST}:${o.port}`;
  const concurrency = o.concurrency ?? 16;
  const off = o.kind === 'links';
  const lines = [
    `dataDir: ${q(o.dataDir)}`,
    'network:',
    `  dnsServers: [${q(`127.0.0.1:${o.dnsPort}`)}]`,
    '  allowPrivate: ["127.0.0.0/8"]',
    '  timeoutMs: 15000',
    'crawl:',
    `  politeness: { concurrency: ${concurrency}, delayMs: 0 }`,
    `  limits: { maxPages: ${o.kind === 'browser' ? 2000 : o.pages + 1000}, maxDepth: 50 }`,
    '  retries: 1',
    `  maxConcurrency: ${concurrency}`,
    '  browserTimeoutMs: 30000',
    'checks:',
    '  links: { enabled: true, external: true }',
    `  freshness: { enabled: ${!off} }`,
    `  content: { enabled: ${!off} }`,
    `  ipv6: { enabled: ${!off} }`,
    'editors:',
    '  - { id: bench, name: 基准编辑, email: bench@bench.gov.test }',
    'sites:',
    '  - id: bench',
    '    name: 示范县人民政府',
    '    code: "3399009999"',
    '    level: 县',
    '    region: 示范市',
    `    homepage: ${origin}/`,
    '    owner: bench',
    `    render: ${o.kind === 'browser' ? 'browser' : 'http'}`,
    // Bucket 0 (ids below 500) with the homepage and the column indexes: a connected subtree of the site.
    ...(o.kind === 'browser' ? [`    include: [${q(`^http://www\\.bench\\.gov\\.test:${o.port}/($|[a-z]+/[a-z]+/($|b0/))`)}]`] : []),
    // … and the site's pages outside that subtree are not checked either: the run measures the browser, not probes.
    ...(o.kind === 'browser' ? [`    exclude: [${q('/b[1-9][0-9]*/')}]`] : []),
    '    columns:',
    ...SECTIONS.map(([path, name, , cls]) => `      - { name: ${name}, url: ${q(`${origin}/${path}/`)}, class: ${cls}, editor: bench }`),
  ];
  return `${lines.join('\n')}\n`;
}
