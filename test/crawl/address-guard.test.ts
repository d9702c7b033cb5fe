import { describe, expect, it } from 'vitest';
import { AddressGuard, intranetHostReason, isPrivateAddress } from '../../src/crawl/index.ts';

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
