import { clientAddress } from '../client-address';

describe('clientAddress', () => {
  it('keeps IPv4 addresses and unwraps IPv4-mapped IPv6 ones', () => {
    expect(clientAddress('198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddress('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it('keys IPv6 addresses by their /64, however they are written', () => {
    expect(clientAddress('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8:1:3::a')).not.toBe(clientAddress('2001:db8:1:2::a'));
    expect(clientAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('passes anything else through unchanged (it only feeds a keyed hash)', () => {
    expect(clientAddress('')).toBe('');
    expect(clientAddress('not:an:address')).toBe('not:an:address');
  });
});
