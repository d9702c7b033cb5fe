// bench: the HTTP server of the generated site (127.0.0.1 and 127.0.0.2, one port, keep-alive) and its DNS stub.
// Run as its own process (server-main.ts) so the crawler's CPU and memory are measured without it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDnsStub, type DnsStub } from '../test/fixtures/dns-stub.ts';
import { BENCH_HOST, EXTERNAL_HOST, EXTERNAL_IP, type BenchSite, type Served, type Variant } from './site.ts';

export interface BenchServer {
  port: number;
  dnsPort: number;
  /** Requests answered so far. */
  requests(): number;
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => (err.code === 'EADDRINUSE' ? resolve(false) : reject(err));
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve(true);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Serves `site`: by Host header, the DNS names get the `names` variant, the loopback addresses the `addresses`
 * variant (absolute links on 127.0.0.1 / 127.0.0.2, for linkinator, which cannot use our DNS).
 */
export async function startBenchServer(site: BenchSite, options: { cacheMB?: number } = {}): Promise<BenchServer> {
  let port = 0;
  let count = 0;
  // Rendered pages are kept (up to a byte budget) so a page costs a map lookup the second time it is asked for.
  const cache = new Map<string, Served>();
  let cached = 0;
  const budget = (options.cacheMB ?? 1536) * 1048576;
  const serve = (external: boolean, path: string, variant: Variant): Served => {
    if (external) return site.serve('external', path, variant, port);
    const key = `${variant}${path}`;
    let r = cache.get(key);
    if (r) return r;
    r = site.serve('site', path, variant, port);
    if (cached + r.body.length <= budget) {
      cache.set(key, r);
      cached += r.body.length;
    }
    return r;
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    count++;
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    const path = (req.url ?? '/').split('?')[0]!;
    const external = host === EXTERNAL_HOST || host === EXTERNAL_IP;
    const variant: Variant = host === BENCH_HOST || host === EXTERNAL_HOST ? 'names' : 'addresses';
    try {
      const r = serve(external, path, variant);
      res.writeHead(r.status, { 'Content-Type': r.contentType, 'Content-Length': r.body.length });
      res.end(r.body);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err));
    }
  };
  const make = (): Server => {
    const s = createServer({ keepAlive: true }, handler);
    s.keepAliveTimeout = 30_000;
    s.headersTimeout = 60_000;
    return s;
  };
  for (let attempt = 0; ; attempt++) {
    const a = make();
    const b = make();
    await listen(a, '127.0.0.1', 0);
    port = (a.address() as AddressInfo).port;
    if (!(await listen(b, EXTERNAL_IP, port))) {
      await close(a);
      if (attempt > 20) throw new Error('bench server: no port free on both 127.0.0.1 and 127.0.0.2');
      continue;
    }
    // Pre-render the DNS-name variant the crawls and the server loop ask for.
    for (const path of site.paths()) {
      if (cached >= budget) break;
      serve(false, path, 'names');
    }
    let dns: DnsStub;
    try {
      dns = await startDnsStub({ [BENCH_HOST]: { A: ['127.0.0.1'] }, [EXTERNAL_HOST]: { A: ['127.0.0.1'] } });
    } catch (err) {
      await Promise.all([close(a), close(b)]);
      throw err;
    }
    return {
      port,
      dnsPort: dns.port,
      requests: () => count,
      async close() {
        await Promise.all([close(a), close(b), dns.close()]);
      },
    };
  }
}
