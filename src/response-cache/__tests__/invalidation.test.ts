import {
  ANY_WRITE_TAG,
  documentTag,
  listTag,
  mediaIdTag,
  mediaUrlTag,
  relationsTag,
} from '../dependencies';
import { invalidatesEverything, isPublicRow, writeTags } from '../invalidation';

const ARTICLE = 'api::article.article';
const TAG = 'api::tag.tag';
const FILE = 'plugin::upload.file';

describe('isPublicRow', () => {
  it('sees draft rows of a draft & publish type as private, every other row as public', () => {
    expect(isPublicRow(true, { publishedAt: null })).toBe(false);
    expect(isPublicRow(true, {})).toBe(false);
    expect(isPublicRow(true, { publishedAt: '2026-01-01T00:00:00.000Z' })).toBe(true);
    expect(isPublicRow(false, { publishedAt: null })).toBe(true);
  });
});

describe('writeTags', () => {
  it('invalidates nothing for a write that touched only draft rows', () => {
    expect(writeTags(ARTICLE, [])).toEqual([]);
  });

  it("a publish: the article, its type's lists, and the relations of the tags it carries before and after (their counts and article lists)", () => {
    const tags = writeTags(ARTICLE, [
      { documentId: 'art', related: [{ uid: TAG, documentId: 'old-tag' }] },
      {
        documentId: 'art',
        related: [
          { uid: TAG, documentId: 'new-tag' },
          { uid: FILE, documentId: 'cover' },
        ],
      },
    ]);
    expect(tags).toEqual(
      [
        ANY_WRITE_TAG,
        documentTag('art'),
        relationsTag('cover'),
        relationsTag('new-tag'),
        relationsTag('old-tag'),
        listTag(ARTICLE),
        listTag(FILE),
        listTag(TAG),
      ].sort()
    );
    // Not the tags' own documents: an article showing the tag "AI" stays cached when another "AI" article is published.
    expect(tags).not.toContain(documentTag('old-tag'));
  });

  it('a file: also by row id and URL, as blocks bodies embed it', () => {
    const tags = writeTags(FILE, [
      { documentId: 'f', related: [], media: { id: 4, url: '/uploads/old.png' } },
      { documentId: 'f', related: [], media: { id: 4, url: '/uploads/new.png' } },
    ]);
    expect(tags).toEqual(
      expect.arrayContaining([
        documentTag('f'),
        mediaIdTag(4),
        mediaUrlTag('/uploads/old.png'),
        mediaUrlTag('/uploads/new.png'),
        listTag(FILE),
      ])
    );
  });
});

describe('invalidatesEverything', () => {
  it.each([
    ['plugin::i18n.locale', true],
    ['plugin::users-permissions.permission', true],
    ['plugin::users-permissions.role', true],
    [ARTICLE, false],
    [FILE, false],
  ])('%s → %s', (uid, expected) => {
    expect(invalidatesEverything(uid)).toBe(expected);
  });
});
