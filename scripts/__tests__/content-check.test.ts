import { describeResult, parseFlags } from '../content-check';

describe('content:check flags and report', () => {
  it('accepts --fix only', () => {
    expect(parseFlags([])).toEqual({ fix: false });
    expect(parseFlags(['--fix'])).toEqual({ fix: true });
    expect(() => parseFlags(['--dry-run'])).toThrow(/usage: npm run content:check/);
  });

  it('says what --fix will do, what it did, and what needs an editor', () => {
    const findings = [
      {
        uid: 'api::tag.tag',
        documentId: 'd1',
        field: 'slug',
        problem: 'has no slug',
        repair: 'generate a free slug from the name',
        fixed: false,
      },
      {
        uid: 'api::tag.tag',
        documentId: 'd2',
        field: 'name',
        problem: 'reads the same as tag d1',
        fixed: false,
      },
    ];
    expect(describeResult({ findings, indexes: {} }, false)).toEqual([
      'api::tag.tag d1 slug: has no slug (--fix will generate a free slug from the name)',
      'api::tag.tag d2 name: reads the same as tag d1 (needs an editor)',
      'Content check: 2 problem(s), 0 fixed, 2 open (run with --fix to repair what can be).',
    ]);
    expect(
      describeResult({ findings: [{ ...findings[0], fixed: true }], indexes: {} }, true)
    ).toEqual([
      'api::tag.tag d1 slug: has no slug (fixed: generate a free slug from the name)',
      'Content check: 1 problem(s), 1 fixed, 0 open.',
    ]);
    expect(describeResult({ findings: [], indexes: {} }, false)).toEqual([
      'Content check: everything follows the rules.',
    ]);
  });
});
