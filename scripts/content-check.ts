/**
 * `npm run content:check [-- --fix]`
 *
 * Boots the app (compiling config/ and src/ first) and checks the content already in the database against
 * the content rules: what `strapi import` brought in (the import writes rows directly, around the rules),
 * or rows from before a rule existed. Lists every problem; `--fix` repairs what needs no editor (computed
 * fields, duplicate slugs, unsafe URLs, tag name keys) and creates the unique indexes. Exits 1 while a
 * problem remains. All logic lives in src/database/content-check.ts; this file parses flags and prints.
 */
import { runCommand, withLoadedApp } from './app-command';
import { checkContent, type CheckResult } from '../src/database/content-check';
const USAGE = 'usage: npm run content:check -- [--fix]';

/** Parses the command line; throws with the usage line on anything unknown. */
export function parseFlags(argv: string[]): { fix: boolean } {
  const flags = { fix: false };
  for (const arg of argv) {
    if (arg === '--fix') flags.fix = true;
    else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  return flags;
}

/** The report as printed: one line per finding, then a summary. */
export function describeResult(result: CheckResult, fix: boolean): string[] {
  const lines = result.findings.map((f) => {
    const action = f.fixed
      ? `fixed: ${f.repair}`
      : f.repair
        ? `--fix will ${f.repair}`
        : 'needs an editor';
    return `${f.uid} ${f.documentId} ${f.field}: ${f.problem} (${action})`;
  });
  for (const [index, groups] of Object.entries(result.indexes)) {
    lines.push(
      `index ${index} not created: ${(groups ?? []).map((group) => group.map((row) => row.documentId).join(' = ')).join('; ')}`
    );
  }
  const open = result.findings.filter((f) => !f.fixed).length;
  const fixed = result.findings.length - open;
  lines.push(
    result.findings.length === 0
      ? 'Content check: everything follows the rules.'
      : `Content check: ${result.findings.length} problem(s), ${fixed} fixed, ${open} open${!fix && open > 0 ? ' (run with --fix to repair what can be)' : ''}.`
  );
  return lines;
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  return withLoadedApp(async (strapi) => {
    const result = await checkContent(strapi, flags);
    for (const line of describeResult(result, flags.fix)) process.stdout.write(`${line}\n`);
    const open = result.findings.some((f) => !f.fixed) || Object.keys(result.indexes).length > 0;
    return open ? 1 : 0;
  });
}

if (require.main === module) runCommand('content:check', main);
