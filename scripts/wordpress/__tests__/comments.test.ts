import { threadOrder } from '../comments';
import type { WxrComment } from '../wxr';

const comment = (id: number, parent = 0): WxrComment => ({
  id,
  author: `Reader ${id}`,
  authorEmail: `reader${id}@example.com`,
  authorUrl: '',
  date: '2024-01-01 10:00:00',
  content: `Comment ${id}`,
  approved: '1',
  type: '',
  parent,
  userId: 0,
});

const ids = (comments: WxrComment[]) => comments.map((c) => c.id);

it('puts every parent before its replies, whatever order the export lists them in', () => {
  // a reply to a reply listed first, then its parent, then the thread's first comment
  expect(ids(threadOrder([comment(3, 2), comment(2, 1), comment(1), comment(4)]))).toEqual([
    1, 4, 2, 3,
  ]);
});

it('keeps a reply whose parent was not imported, as a top-level comment', () => {
  // 9 was unapproved (not in the list): its reply still comes through
  expect(ids(threadOrder([comment(10, 9), comment(11)]))).toEqual([10, 11]);
});

it('leaves out comments that answer each other in a cycle, and keeps the rest', () => {
  expect(ids(threadOrder([comment(20, 21), comment(21, 20), comment(22)]))).toEqual([22]);
});
