// crawl stage: which addresses the product may connect to. Private, loopback and link-local ranges are refused
// unless the config allows them, and literal intranet URLs are recognised without any lookup.
import { BlockList, isIP } from 'node:net';

/** Ranges that a public government site must never link to, and the product never connects to by default. */
const PRIVATE_RANGES: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
];

const privateList = new BlockList();
for (const [net, prefix, type] of PRIVATE_RANGES) privateList.addSubnet(net, prefix, type);

/** Strips the brackets of an IPv6 URL host and an IPv4-mapped prefix. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  let a = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1]!;
  const v = isIP(a);
  if (v === 4) return { address: a, family: 'ipv4' };
  if (v === 6) return { address: a, family: 'ipv6' };
  return undefined;
}

/** True for private, loopback, link-local, CGNAT and unspecified addresses. */
export function isPrivateAddress(address: string): boolean {
  const n = normalise(address);
  return !!n && privateList.check(n.address, n.family);
}

/**
 * Classifies a URL host without resolving it: `localhost` names and literal private addresses are intranet
 * targets (错链 on a public site). Returns a short reason, or undefined for an ordinary host.
 */
export function intranetHostReason(hostname: string): string | undefined {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return 'localhost';
  const n = normalise(h);
  if (!n) return undefined;
  if (privateList.check(n.address, n.family)) {
    if (n.family === 'ipv4') {
      if (n.address.startsWith('127.')) return 'loopback';
      if (n.address.startsWith('169.254.')) return 'link-local';
      return 'private';
    }
    if (n.address === '::1') return 'loopback';
    if (/^fe[89ab]/i.test(n.address)) return 'link-local';
    return 'private';
  }
  return undefined;
}

/** Decides whether a resolved address may be connected to, given the config's allowed ranges. */
export class AddressGuard {
  private readonly allowed = new BlockList();
  private readonly hasAllowed: boolean;

  constructor(allowPrivate: string[]) {
    for (const cidr of allowPrivate) {
      const [net, prefix] = cidr.split('/');
      const n = normalise(net!);
      if (n) this.allowed.addSubnet(n.address, Number(prefix), n.family);
    }
    this.hasAllowed = allowPrivate.length > 0;
  }

  /** True when the address is public, or private but inside an allowed range. */
  permits(address: string): boolean {
    const n = normalise(address);
    if (!n) return false;
    if (!privateList.check(n.address, n.family)) return true;
    return this.hasAllowed && this.allowed.check(n.address, n.family);
  }
}
