import { parseImportArgs } from '../import-wordpress';

describe('import:wordpress arguments', () => {
  it('reads the export and every option, in both spellings', () => {
    expect(
      parseImportArgs([
        'site.xml',
        '--media-from',
        'https://old.example',
        '--dry-run',
        '--resume',
        '--report=r.json',
        '--views-csv',
        'v.csv',
        '--comments-json',
        '--categories',
        'leaf',
      ])
    ).toEqual({
      file: 'site.xml',
      mediaFrom: 'https://old.example',
      dryRun: true,
      resume: true,
      reportFile: 'r.json',
      viewsCsv: 'v.csv',
      comments: 'file',
      categories: 'leaf',
    });
  });

  it('refuses a missing export, two exports, unknown options and missing values with the usage line', () => {
    expect(() => parseImportArgs([])).toThrow(/^give one export file\nusage: /);
    expect(() => parseImportArgs(['a.xml', 'b.xml'])).toThrow(/^give one export file/);
    expect(() => parseImportArgs(['a.xml', '--force'])).toThrow(/^unknown option "--force"/);
    expect(() => parseImportArgs(['a.xml', '--media-from'])).toThrow(/^--media-from needs a value/);
    expect(() => parseImportArgs(['a.xml', '--categories', 'tree'])).toThrow(
      /^--categories takes path or leaf/
    );
  });
});
