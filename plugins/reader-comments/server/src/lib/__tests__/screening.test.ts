import { screen, type ScreeningInput } from '../screening';

const base: ScreeningInput = {
  text: 'A thoughtful comment.',
  authorName: 'Ada',
  lists: { banned: ['casino'], suspect: ['pills'] },
  maxLinks: 2,
  preModerated: false,
  approvedBefore: 5,
  trustAfter: 1,
};

it('publishes a comment no rule applies to', () => {
  expect(screen(base)).toEqual({ verdict: 'approve' });
});

it('refuses a banned word, in the text or in the name', () => {
  expect(screen({ ...base, text: 'best casino' }).verdict).toBe('refuse');
  expect(screen({ ...base, authorName: 'Casino King' }).verdict).toBe('refuse');
});

it('holds more links than allowed, naming the rule and the count', () => {
  expect(
    screen({ ...base, text: 'a https://a.example b https://b.example c https://c.example' })
  ).toEqual({
    verdict: 'hold',
    rule: 'links',
    detail: '3 links (more than 2)',
  });
  expect(screen({ ...base, text: 'a https://a.example b https://b.example' }).verdict).toBe(
    'approve'
  );
});

it('holds suspect words, pre-moderated places and new commenters, in that order', () => {
  expect(screen({ ...base, text: 'pills', preModerated: true })).toMatchObject({
    verdict: 'hold',
    rule: 'suspect-words',
  });
  expect(screen({ ...base, preModerated: true, approvedBefore: 0 })).toMatchObject({
    verdict: 'hold',
    rule: 'pre-moderation',
  });
  expect(screen({ ...base, approvedBefore: null })).toMatchObject({
    verdict: 'hold',
    rule: 'new-commenter',
  });
  expect(screen({ ...base, approvedBefore: null, trustAfter: 0 })).toEqual({ verdict: 'approve' });
});

it('names which pre-moderation holds a comment (its document, a tag), for moderators', () => {
  expect(screen({ ...base, preModerated: true, preModeratedBy: 'pre-moderated tags: t1' })).toEqual(
    { verdict: 'hold', rule: 'pre-moderation', detail: 'pre-moderated tags: t1' }
  );
});
