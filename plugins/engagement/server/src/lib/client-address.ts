import ipaddr from 'ipaddr.js';

/**
 * The address a visitor is counted and rate limited by, from the client IP Koa derived (behind proxies:
 * the entry the outermost trusted proxy saw, see the app's `server.proxy.maxIpsCount`). IPv4 stays as is
 * (an IPv4-mapped IPv6 address is unwrapped); an IPv6 address becomes its /64 network, because one
 * subscriber or host usually holds a whole /64 and picks addresses in it at will, so keying by the full
 * address would let one client count and hit the rate limit as many visitors.
 */
export function clientAddress(ip: string): string {
  // Fast path: a plain IPv4 address (the common case) needs no parsing.
  if (!ip.includes(':')) return ip;
  if (!ipaddr.IPv6.isValid(ip)) return ip;
  const address = ipaddr.IPv6.parse(ip);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  return `${address.parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}
