import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AddressGuard, HttpClient, intranetHostReason, isPrivateAddress, Resolver } from '../../src/crawl/index.ts';

describe('address guard', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['192.168.1.10', 'private'],
    ['172.16.5.5', 'private'],
    ['172.31.255.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['[fe80::1]', 'link-local'],
    ['[fd00::5]', 'private'],
    ['[::1]', 'loopback'],
    ['localhost', 'localhost'],
    ['LOCALHOST', 'localhost'],
  ])('classifies the literal host %s as %s without a lookup', (host, reason) => {
    expect(intranetHostReason(host)).toBe(reason);
  });

  it.each(['172.32.0.1', '8.8.8.8', 'www.gov.test', '[2001:db8::1]'])('leaves the ordinary host %s alone', (host) => {
    expect(intranetHostReason(host)).toBeUndefined();
  });

  it('refuses private addresses unless their range is allowed', () => {
    const strict = new AddressGuard([]);
    expect(strict.permits('127.0.0.1')).toBe(false);
    expect(strict.permits('10.20.30.40')).toBe(false);
    expect(strict.permits('::ffff:10.0.0.1')).toBe(false);
    expect(strict.permits('203.0.113.7')).toBe(true);
    const loopbackOnly = new AddressGuard(['127.0.0.0/8', '::1/128']);
    expect(loopbackOnly.permits('127.0.0.1')).toBe(true);
    expect(loopbackOnly.permits('::1')).toBe(true);
    expect(loopbackOnly.permits('10.20.30.40')).toBe(false);
    expect(isPrivateAddress('100.64.1.1')).toBe(true);
  });
});

describe('HTTP client and literal addresses', () => {
  /** A server on `host` that counts the connections it is offered. */
  async function listening(host: string, handler: (req: IncomingMessage, res: ServerResponse) => void) {
    const server = createServer(handler);
    let connections = 0;
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const port = (server.address() as AddressInfo).port;
    return { port, connections: () => connections, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it('refuses a literal private address without connecting to it, on the first hop and after a redirect', async () => {
    const target = await listening('127.0.0.2', (_req, res) => res.end('intranet'));
    const front = await listening('127.0.0.1', (_req, res) => res.writeHead(302, { location: `http://127.0.0.2:${target.port}/secret` }).end());
    const network = { dnsServers: [], hosts: {}, timeoutMs: 2000, userAgent: 'govhealth-test', allowPrivate: ['127.0.0.1/32'] };
    const http = new HttpClient(network, new Resolver(network));
    try {
      await expect(http.fetch(`http://127.0.0.2:${target.port}/`)).rejects.toMatchObject({ kind: 'private-address' });
      await expect(http.fetch(`http://127.0.0.1:${front.port}/`)).rejects.toMatchObject({ kind: 'private-address' });
      expect(front.connections()).toBe(1);
      expect(target.connections()).toBe(0);
      // Inside an allowed range the same client connects as usual.
      expect((await http.fetch(`http://127.0.0.1:${front.port}/`, { maxRedirects: 0 })).status).toBe(302);
    } finally {
      await http.close();
      await front.close();
      await target.close();
    }
  });
});
