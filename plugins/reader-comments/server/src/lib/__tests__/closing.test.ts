import { closedReason } from '../closing';

const DAY = 86_400_000;
const first = new Date('2026-01-01T00:00:00Z');

describe('closedReason', () => {
  it('closes a document set to closed, whatever its age', () => {
    expect(
      closedReason({
        mode: 'closed',
        firstPublishedAt: first,
        closeAfterDays: 0,
        now: first.getTime(),
      })
    ).toBe('Comments are closed on this document');
  });

  it('counts closeAfterDays from the first publication', () => {
    const input = { mode: 'open' as const, firstPublishedAt: first, closeAfterDays: 30 };
    expect(closedReason({ ...input, now: first.getTime() + 29 * DAY })).toBeNull();
    expect(closedReason({ ...input, now: first.getTime() + 31 * DAY })).toBe(
      'Comments are closed on this document (30 days after it was first published)'
    );
  });

  it('never closes by age when closeAfterDays is 0; pre-moderated documents stay open', () => {
    expect(
      closedReason({
        mode: 'pre-moderated',
        firstPublishedAt: first,
        closeAfterDays: 0,
        now: first.getTime() + 3650 * DAY,
      })
    ).toBeNull();
  });
});
