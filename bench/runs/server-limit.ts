// bench run: the server's own capacity — a plain keep-alive GET loop over every page URL (undici, no parsing).
// This is the physical limit of the machine for this site: no crawler can fetch pages faster.
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { BENCH_HOST, BenchSite } from '../site.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, pages: { type: 'string' }, seed: { type: 'string' }, connections: { type: 'string' } } });
const port = Number(values.port);
const connections = Number(values.connections ?? 16);
const site = new BenchSite({ pages: Number(values.pages), seed: values.seed ? Number(values.seed) : undefined });
const pool = new Pool(`http://127.0.0.1:${port}`, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
const paths = [...site.paths()];
let next = 0;
let bytes = 0;
let errors = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      try {
        const res = await pool.request({ path, method: 'GET', headers: { host: `${BENCH_HOST}:${port}` } });
        for await (const chunk of res.body) bytes += (chunk as Buffer).length;
        if (res.statusCode !== 200) errors++;
      } catch {
        errors++;
      }
    }
  }),
);
const wallS = (performance.now() - started) / 1000;
await pool.close();
process.stdout.write(`${JSON.stringify({ pages: paths.length, bytes, errors, loopWallS: wallS, connections })}\n`);
