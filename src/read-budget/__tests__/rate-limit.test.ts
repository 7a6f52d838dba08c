import { clientKey, memoryPoints, pointsFor } from '../rate-limit';

describe('clientKey', () => {
  it('keys IPv4 by address, IPv6 by its /64, and exempts loopback', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:db8:1:2:bbbb::9'));
    expect(clientKey('2001:db8:1:2:aaaa::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('127.0.0.1')).toBeNull();
    expect(clientKey('::1')).toBeNull();
  });
});

describe('memoryPoints', () => {
  it('adds up points per client within the window', async () => {
    const store = memoryPoints();
    await store.spend('a', 5);
    expect((await store.spend('a', pointsFor(250))).spent).toBe(8);
    expect((await store.spend('b', 1)).spent).toBe(1);
    const { resetInMs } = await store.spend('a', 0);
    expect(resetInMs).toBeGreaterThan(0);
    expect(resetInMs).toBeLessThanOrEqual(60_000);
  });
});
