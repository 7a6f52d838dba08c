import { placeReply } from '../thread';

const top = { id: 10, parentId: null, rootId: null, depth: 0, authorName: 'Ada' };

it('a reply to a top-level comment goes under it, one level down', () => {
  expect(placeReply(top, 3)).toEqual({ parentId: 10, rootId: 10, depth: 1, replyToName: null });
});

it('a reply to a comment on the deepest level joins that level under the same parent and names whom it answers', () => {
  const deepest = { id: 30, parentId: 20, rootId: 10, depth: 2, authorName: 'Grace' };
  expect(placeReply(deepest, 3)).toEqual({
    parentId: 20,
    rootId: 10,
    depth: 2,
    replyToName: 'Grace',
  });
});

it('with two levels, a reply to a reply stays on the second level', () => {
  const reply = { id: 20, parentId: 10, rootId: 10, depth: 1, authorName: 'Linus' };
  expect(placeReply(reply, 2)).toEqual({
    parentId: 10,
    rootId: 10,
    depth: 1,
    replyToName: 'Linus',
  });
});
