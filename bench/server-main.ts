// bench: process entry of the site server. Prints one JSON line {port, dnsPort} when ready; stops on SIGTERM or
// when its parent closes stdin.
import { parseArgs } from 'node:util';
import { startBenchServer } from './server.ts';
import { BenchSite } from './site.ts';

const { values } = parseArgs({ options: { pages: { type: 'string' }, seed: { type: 'string' }, 'cache-mb': { type: 'string' } } });
const site = new BenchSite({ pages: Number(values.pages), seed: values.seed ? Number(values.seed) : undefined });
const server = await startBenchServer(site, { cacheMB: values['cache-mb'] ? Number(values['cache-mb']) : undefined });
process.stdout.write(`${JSON.stringify({ port: server.port, dnsPort: server.dnsPort, pid: process.pid })}\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
