// bench run: linkinator (the peer a user would otherwise pick), recursive over the address variant of the site.
// linkinator cannot use our DNS stub, so it gets http://127.0.0.1:PORT/ and the server answers that Host with the
// same pages whose few absolute links name 127.0.0.1 (site) and 127.0.0.2 (the external host) instead.
import { parseArgs } from 'node:util';
import { LinkChecker } from 'linkinator';

const { values } = parseArgs({ options: { port: { type: 'string' }, concurrency: { type: 'string' }, timeout: { type: 'string' } } });
const origin = `http://127.0.0.1:${values.port}`;
const checker = new LinkChecker();
let pagesStarted = 0;
checker.on('pagestart', () => pagesStarted++);
const started = performance.now();
// linkinator's defaults (concurrency 100, no timeout): with a 15 s timeout it starves its own event loop at 10,000
// pages, times its requests out and reports most of the site broken.
const result = await checker.check({ path: `${origin}/`, recurse: true, concurrency: Number(values.concurrency ?? 100), timeout: Number(values.timeout ?? 0) });
const wallS = (performance.now() - started) / 1000;
const unique = new Set(result.links.map((l) => l.url));
const broken = new Set(result.links.filter((l) => l.state === 'BROKEN').map((l) => l.url));
process.stdout.write(
  `${JSON.stringify({ pages: pagesStarted, links: unique.size, linkOccurrences: result.links.length, broken: broken.size, checkWallS: wallS })}\n`,
);
