import {
  dailyField,
  eventFields,
  fieldBelongsTo,
  networkOf,
  parseField,
  shareMetric,
  totalField,
} from '../buffer-keys';

describe('buffer keys', () => {
  it('round-trips total and daily fields', () => {
    expect(parseField(totalField('api::article.article', 'abc123', 'view'))).toEqual({
      kind: 'total',
      uid: 'api::article.article',
      documentId: 'abc123',
      metric: 'view',
    });
    expect(
      parseField(dailyField('api::article.article', 'abc123', 20261124, shareMetric('copy-link')))
    ).toEqual({
      kind: 'daily',
      uid: 'api::article.article',
      documentId: 'abc123',
      day: 20261124,
      metric: 'share:copy-link',
    });
  });

  it('rejects malformed fields instead of guessing', () => {
    for (const field of ['', 't|a|b', 'd|a|b|2026|view', 'x|a|b|c', 'd|a|b|20261124|'])
      expect(parseField(field)).toBeNull();
  });

  it('gives each event its total and its day, and tells a document’s fields apart', () => {
    const [total, daily] = eventFields('api::article.article', 'doc1', 20261124, 'view');
    expect(fieldBelongsTo(total, 'api::article.article', 'doc1')).toBe(true);
    expect(fieldBelongsTo(daily, 'api::article.article', 'doc1')).toBe(true);
    expect(fieldBelongsTo(total, 'api::article.article', 'doc')).toBe(false);
    expect(networkOf('share:x')).toBe('x');
    expect(networkOf('view')).toBeNull();
  });
});
