// bench run: linkinator (the peer a user would otherwise pick), recursive over the address variant of the site.
// linkinator cannot use our DNS stub, so it gets http://127.0.0.1:PORT/ and the server answers that Host with the
// same pages whose few absolute links name 127.0.0.1 (site) and 127.0.0.2 (the external host) instead.
import { parseArgs } from 'node:util';
import { LinkChecker } from 'linkinator';

const { values } = parseArgs({ options: { port: { type: 'string' }, concurrency: { type: 'string' } } });
const origin = `http://127.0.0.1:${values.port}`;
const checker = new LinkChecker();
let pagesStarted = 0;
checker.on('pagestart', () => pagesStarted++);
const started = performance.now();
const result = await checker.check({ path: `${origin}/`, recurse: true, concurrency: Number(values.concurrency ?? 100), timeout: 15_000 });
const wallS = (performance.now() - started) / 1000;
const unique = new Set(result.links.map((l) => l.url));
const broken = new Set(result.links.filter((l) => l.state === 'BROKEN').map((l) => l.url));
process.stdout.write(
  `${JSON.stringify({ pages: pagesStarted, links: unique.size, linkOccurrences: result.links.length, broken: broken.size, checkWallS: wallS })}\n`,
);
