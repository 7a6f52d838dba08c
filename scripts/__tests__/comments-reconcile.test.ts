import { describeReconcile } from '../comments-reconcile';

describe('comments:reconcile report', () => {
  it('prints each fixed figure with its document and locale, then the summary', () => {
    expect(
      describeReconcile({
        documents: 3,
        changed: 2,
        fixed: [
          { uid: 'api::article.article', documentId: 'abc', locale: 'en', before: 7, after: 2 },
          { uid: 'api::page.page', documentId: 'xyz', locale: '', before: 0, after: 1 },
        ],
      })
    ).toEqual([
      'api::article.article abc (en): 7 → 2 approved comments',
      'api::page.page xyz: 0 → 1 approved comments',
      'Comments reconcile: 3 document(s) checked, 2 count(s) fixed.',
    ]);
  });

  it('says when nothing needed fixing', () => {
    expect(describeReconcile({ documents: 4, changed: 0, fixed: [] })).toEqual([
      'Comments reconcile: 4 document(s) checked, 0 count(s) fixed.',
    ]);
  });
});
