import { ThrottledLog } from '../throttled-log';

it('logs the first message at once, then at most once per interval with the number held back', () => {
  let now = 0;
  const lines: string[] = [];
  const log = new ThrottledLog(
    (line) => lines.push(line),
    60_000,
    () => now
  );
  expect(log.log('row failed')).toBe(true);
  now = 1_000;
  expect(log.log('row failed')).toBe(false);
  now = 2_000;
  log.log('row failed');
  now = 61_000;
  expect(log.log('row failed again')).toBe(true);
  expect(lines).toEqual([
    'row failed',
    'row failed again (2 similar messages held back since the last one)',
  ]);
});
