import { ipKey, newDailySecret, visitorKey, previousDayInWindow } from '../visitor';
import { dayNumber } from '../days';

describe('visitor keys', () => {
  const parts = {
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 Test',
    uid: 'api::article.article',
    documentId: 'doc1',
    action: 'view',
  };

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

describe('previousDayInWindow', () => {
  const at = (iso: string) => Date.parse(iso);
  it('names yesterday while the window since midnight lasts, across month and year ends', () => {
    expect(previousDayInWindow(at('2026-12-01T00:01:00Z'), 1_800_000, dayNumber)).toBe(20261130);
    expect(previousDayInWindow(at('2027-01-01T00:29:59Z'), 1_800_000, dayNumber)).toBe(20261231);
  });
  it('is null once the window has passed, and with no window', () => {
    expect(previousDayInWindow(at('2026-12-01T00:30:00Z'), 1_800_000, dayNumber)).toBeNull();
    expect(previousDayInWindow(at('2026-12-01T00:00:00Z'), 0, dayNumber)).toBeNull();
  });
});
