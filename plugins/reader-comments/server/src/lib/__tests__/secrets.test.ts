import { hashAddress, hashToken, newToken, tokenMatches } from '../secrets';

it('a token matches only its own stored hash', () => {
  const token = newToken();
  const other = newToken();
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(tokenMatches(token, hashToken(token))).toBe(true);
  expect(tokenMatches(other, hashToken(token))).toBe(false);
  expect(tokenMatches(token, null)).toBe(false);
  expect(tokenMatches('', hashToken(''))).toBe(false);
});

it('an address hash depends on the secret, so a new secret makes old hashes unlinkable', () => {
  const a = hashAddress('203.0.113.7', 'secret-1');
  expect(a).toMatch(/^[0-9a-f]{32}$/);
  expect(hashAddress('203.0.113.7', 'secret-1')).toBe(a);
  expect(hashAddress('203.0.113.7', 'secret-2')).not.toBe(a);
  expect(a).not.toContain('203');
});
