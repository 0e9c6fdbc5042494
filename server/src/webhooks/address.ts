import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { WebhookAddressRefusedError } from '../errors.js';

/** What WEBHOOK_ALLOWED_HOSTS permits beyond public addresses: host names, and addresses or CIDR ranges. */
export interface AllowList {
  hosts: Set<string>;
  ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

export function allowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const ranges: AllowList['ranges'] = [];
  for (const entry of entries) {
    if (ipaddr.isValidCIDR(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) {
      const address = ipaddr.parse(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else hosts.add(entry.toLowerCase());
  }
  return { hosts, ranges };
}

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function plain(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

/**
 * Whether a webhook may connect to `address`: a public unicast address, or one WEBHOOK_ALLOWED_HOSTS lists.
 * Everything else (private, loopback, link-local, unique-local, carrier NAT, multicast, reserved, unspecified,
 * and the IPv6 forms that embed an IPv4 address) is refused.
 */
export function addressPermitted(address: string, allowed: AllowList): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = plain(address);
  } catch {
    return false;
  }
  if (allowed.ranges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))) return true;
  return ip.range() === 'unicast';
}

/** A URL's host without the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

export type Resolve = (host: string) => Promise<Array<{ address: string; family: number }>>;

export const resolveHost: Resolve = (host) => lookup(host, { all: true, verbatim: true });

/**
 * The addresses of `url` a webhook may connect to, resolved now: the request then connects to one of these,
 * never resolving the name again, so a name that changes its answer (DNS rebinding) cannot reach a refused
 * address. A host listed by name in WEBHOOK_ALLOWED_HOSTS may resolve to anything. Throws
 * WebhookAddressRefusedError when no address is permitted.
 */
export async function permittedAddresses(
  url: URL,
  allowed: AllowList,
  resolve: Resolve = resolveHost,
): Promise<Array<{ address: string; family: number }>> {
  const host = hostOf(url);
  const byName = allowed.hosts.has(host);
  const family = isIP(host);
  if (family !== 0) {
    if (!byName && !addressPermitted(host, allowed)) throw new WebhookAddressRefusedError(host);
    return [{ address: host, family }];
  }
  const found = await resolve(host);
  const usable = byName ? found : found.filter((a) => addressPermitted(a.address, allowed));
  if (usable.length === 0) throw new WebhookAddressRefusedError(host, found[0]?.address);
  return usable;
}
