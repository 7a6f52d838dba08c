import { authorKeyFor } from '../author-key';

it('keys a guest by the hash of the address, whatever its case and spaces, and never contains it', () => {
  const key = authorKeyFor({ email: ' Ada@Example.com ' });
  expect(key).toBe(authorKeyFor({ email: 'ada@example.com' }));
  expect(key).toMatch(/^email:[0-9a-f]{64}$/);
  expect(key).not.toContain('example');
});

it('keys a signed-in author by user id', () => {
  expect(authorKeyFor({ userId: 42 })).toBe('user:42');
});
