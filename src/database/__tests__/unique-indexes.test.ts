import { errors } from '@strapi/utils';
import { findDuplicates, isRetryableConflict, uniqueViolationField } from '../unique-indexes';

describe('findDuplicates', () => {
  it('groups rows of different documents sharing a key, oldest first', () => {
    const rows = [
      { id: 3, documentId: 'b', key: 'x' },
      { id: 1, documentId: 'a', key: 'x' },
      { id: 2, documentId: 'c', key: 'y' },
    ];
    expect(findDuplicates(rows)).toEqual([[rows[1], rows[0]]]);
  });

  it("ignores one document's own rows sharing a key (draft and published)", () => {
    expect(
      findDuplicates([
        { id: 1, documentId: 'a', key: 'x' },
        { id: 2, documentId: 'a', key: 'x' },
      ])
    ).toEqual([]);
  });
});

describe('uniqueViolationField', () => {
  it('reads PostgreSQL, MySQL/MariaDB and SQLite unique violations of our indexes', () => {
    expect(uniqueViolationField({ code: '23505', constraint: 'tags_name_key_unique' })).toBe(
      'name'
    );
    expect(
      uniqueViolationField({
        code: 'ER_DUP_ENTRY',
        errno: 1062,
        message: "Duplicate entry 'x-draft:' for key 'articles_slug_unique'",
      })
    ).toBe('slug');
    expect(
      uniqueViolationField({
        code: 'SQLITE_CONSTRAINT_UNIQUE',
        message: 'UNIQUE constraint failed: tags.name_key',
      })
    ).toBe('name');
    expect(
      uniqueViolationField({
        code: 'SQLITE_CONSTRAINT_UNIQUE',
        message: "UNIQUE constraint failed: index 'articles_slug_unique'",
      })
    ).toBe('slug');
  });

  it("reads Strapi's own uid uniqueness error", () => {
    const error = new errors.ValidationError('This attribute must be unique', {
      errors: [
        {
          path: ['slug'],
          message: 'This attribute must be unique',
          name: 'ValidationError',
          value: 'x',
        },
      ],
    });
    expect(uniqueViolationField(error)).toBe('slug');
  });

  it('leaves other errors alone', () => {
    expect(uniqueViolationField(new Error('boom'))).toBeUndefined();
    expect(
      uniqueViolationField({ code: '23505', constraint: 'upload_folders_path_id_index' })
    ).toBeUndefined();
    expect(uniqueViolationField(new errors.ValidationError('title is required'))).toBeUndefined();
  });
});

describe('isRetryableConflict', () => {
  it('recognises deadlocks and serialization failures', () => {
    expect(isRetryableConflict({ code: '40P01' })).toBe(true);
    expect(isRetryableConflict({ errno: 1213 })).toBe(true);
    expect(isRetryableConflict({ code: '23505' })).toBe(false);
  });
});
