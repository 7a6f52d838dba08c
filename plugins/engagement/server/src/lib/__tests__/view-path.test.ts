import { matchViewPath } from '../view-path';

describe('matchViewPath', () => {
  it('reads type and documentId from the view route', () => {
    expect(matchViewPath('/api/engagement/article/abc123/view')).toEqual({
      type: 'article',
      documentId: 'abc123',
    });
    expect(matchViewPath('/api/engagement/article/abc123/view/')).toEqual({
      type: 'article',
      documentId: 'abc123',
    });
    expect(matchViewPath('/content/engagement/article/abc123/view', '/content')).toEqual({
      type: 'article',
      documentId: 'abc123',
    });
  });

  it('ignores every other path', () => {
    for (const path of [
      '/api/engagement/article/abc123/share',
      '/api/engagement/article/abc123',
      '/api/engagement/article/popular',
      '/api/engagement/share/x/article/abc123',
      '/api/engagement//abc123/view',
      '/api/engagement/article/abc123/view/extra',
      '/api/articles/abc123/view',
      '/engagement/article/abc123/view',
    ]) {
      expect(matchViewPath(path)).toBeNull();
    }
  });

  it('leaves undecodable segments to the router', () => {
    expect(matchViewPath('/api/engagement/article/%E0%A4%A/view')).toBeNull();
  });
});
