import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressKey } from '../../src/auth/sign-in.js';
import { clientAddress } from '../../src/graphql/context.js';

const request = (peer: string, forwarded?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as IncomingMessage;

describe('the client address of a request', () => {
  it('is the socket peer unless proxies are trusted', () => {
    expect(clientAddress({ req: request('::ffff:192.0.2.7', '198.51.100.1') }, 0)).toBe('192.0.2.7');
    expect(clientAddress({}, 0)).toBe('unknown');
  });

  it('believes only the entries the trusted hops added, counted from the right', () => {
    const spoofed = request('10.0.0.2', '6.6.6.6, 198.51.100.9, 10.0.0.1');
    expect(clientAddress({ req: spoofed }, 1)).toBe('10.0.0.1');
    expect(clientAddress({ req: spoofed }, 2)).toBe('198.51.100.9');
    // More hops than entries: the leftmost is all there is.
    expect(clientAddress({ req: request('10.0.0.2', '198.51.100.9') }, 5)).toBe('198.51.100.9');
    expect(clientAddress({ req: request('10.0.0.2', '[2001:db8::1]:443') }, 1)).toBe('2001:db8::1');
    expect(clientAddress({ req: request('10.0.0.2', '198.51.100.9:5000') }, 1)).toBe('198.51.100.9');
  });

  it('counts an IPv6 client by its /64, an IPv4 client by its address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('2001:db8::1')).toBe('address:2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('address:0:0:0:0::/64');
    expect(addressKey('192.0.2.7')).toBe('address:192.0.2.7');
  });
});
