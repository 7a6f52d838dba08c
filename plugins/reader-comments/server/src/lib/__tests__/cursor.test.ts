import { decodeCursor, encodeCursor } from '../cursor';

it('a cursor comes back as it was written, for its own order only', () => {
  const text = encodeCursor({ order: 'top', values: [4], id: 42 });
  expect(decodeCursor(text, 'top')).toEqual({ order: 'top', values: [4], id: 42 });
  expect(decodeCursor(text, 'newest')).toBeNull();
});

it.each([
  ['not base64url', 'a b'],
  ['too long', 'a'.repeat(201)],
  ['not JSON', Buffer.from('{nope').toString('base64url')],
  ['wrong shape', Buffer.from(JSON.stringify({ order: 'newest' })).toString('base64url')],
  [
    'a value where newest has none',
    Buffer.from(JSON.stringify(['newest', [1], 3])).toString('base64url'),
  ],
  ['a bad id', Buffer.from(JSON.stringify(['newest', [], 0])).toString('base64url')],
])('%s is no cursor', (_label, text) => {
  expect(decodeCursor(text, 'newest')).toBeNull();
});

it('a top cursor needs a non-negative integer score', () => {
  expect(
    decodeCursor(Buffer.from(JSON.stringify(['top', [1.5], 3])).toString('base64url'), 'top')
  ).toBeNull();
  expect(
    decodeCursor(Buffer.from(JSON.stringify(['top', [-1], 3])).toString('base64url'), 'top')
  ).toBeNull();
  expect(decodeCursor(encodeCursor({ order: 'newest', values: [], id: 7 }), 'newest')).toEqual({
    order: 'newest',
    values: [],
    id: 7,
  });
});
