/**
 * `npm run import:wordpress -- <export.xml> [--media-from <base URL or folder>] [--dry-run] [--resume]
 *   [--report <file>] [--out <dir>] [--views-csv <file>] [--comments-json] [--categories path|leaf]
 *   [--article-url <pattern>] [--tag-url <pattern>]`
 *
 * Boots the app and imports a WordPress export (WXR): posts as articles, images with their credits,
 * tags, translations, view counts, comments and a redirect map. All logic lives in scripts/wordpress/
 * (importer.ts); this file parses the command line and prints. Exits 1 when a post failed.
 */
import fs from 'node:fs';
import { runCommand, withLoadedApp } from './app-command';
import { importWordPress, type ImportOptions } from './wordpress/importer';
import { terminalOutput } from './wordpress/output';
import { countActions, summaryLines } from './wordpress/report';

const USAGE =
  'usage: npm run import:wordpress -- <export.xml> [--media-from <base URL or folder>] [--dry-run] [--resume] [--report <file>] [--out <dir>] [--views-csv <file>] [--comments-json] [--categories path|leaf] [--article-url /articles/{slug}] [--tag-url /tags/{slug}]';

const VALUE_FLAGS: Record<string, keyof ImportOptions> = {
  '--media-from': 'mediaFrom',
  '--report': 'reportFile',
  '--out': 'outDir',
  '--views-csv': 'viewsCsv',
  '--article-url': 'articleUrl',
  '--tag-url': 'tagUrl',
};

/** Parses the command line; throws with the usage line on anything unknown or missing. */
export function parseImportArgs(argv: string[]): ImportOptions {
  const options: Partial<ImportOptions> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (flag === '--dry-run') options.dryRun = true;
    else if (flag === '--resume') options.resume = true;
    else if (flag === '--comments-json') options.comments = 'file';
    else if (flag === '--categories') {
      const value = inline ?? argv[++i];
      if (value !== 'path' && value !== 'leaf')
        throw new Error(`--categories takes path or leaf\n${USAGE}`);
      options.categories = value;
    } else if (VALUE_FLAGS[flag]) {
      const value = inline ?? argv[++i];
      if (!value) throw new Error(`${flag} needs a value\n${USAGE}`);
      (options as Record<string, unknown>)[VALUE_FLAGS[flag]] = value;
    } else if (arg.startsWith('--')) throw new Error(`unknown option "${arg}"\n${USAGE}`);
    else rest.push(arg);
  }
  if (rest.length !== 1) throw new Error(`give one export file\n${USAGE}`);
  return { ...options, file: rest[0] };
}

async function main(): Promise<number> {
  const options = parseImportArgs(process.argv.slice(2));
  if (!fs.existsSync(options.file)) throw new Error(`${options.file}: no such file`);
  const output = terminalOutput();
  return withLoadedApp(async (strapi) => {
    const report = await importWordPress(strapi, { ...options, onProgress: output.progress });
    output.done();
    output.print(summaryLines(report));
    return countActions(report.posts).failed > 0 ? 1 : 0;
  });
}

if (require.main === module) runCommand('import:wordpress', main);
