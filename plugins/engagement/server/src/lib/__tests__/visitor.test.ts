import { ipKey, newDailySecret, visitorKey } from '../visitor';

describe('visitor keys', () => {
  const parts = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 Test', uid: 'api::article.article', documentId: 'doc1', action: 'view' };

  it('is stable for one secret and changes with the secret, the document and the action', () => {
    const secret = newDailySecret();
    const key = visitorKey(secret, parts);
    expect(visitorKey(secret, parts)).toBe(key);
    expect(visitorKey(newDailySecret(), parts)).not.toBe(key);
    expect(visitorKey(secret, { ...parts, documentId: 'doc2' })).not.toBe(key);
    expect(visitorKey(secret, { ...parts, action: 'share:x' })).not.toBe(key);
    expect(visitorKey(secret, { ...parts, ip: '203.0.113.8' })).not.toBe(key);
  });

  it('contains nothing of the IP or user agent', () => {
    const key = visitorKey(newDailySecret(), parts);
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(key).not.toContain('203');
    expect(ipKey('secret', '203.0.113.7')).not.toContain('203.0');
  });
});
