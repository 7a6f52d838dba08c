/**
 * `npm run comments:reconcile`
 *
 * Boots the app (compiling config/ and src/ first) and recounts every document's reader comments and every
 * thread's replies with the reader-comments plugin's counts service (the same work as the moderation
 * API's `POST /reader-comments/reconcile`): after an import or a restored backup wrote rows around the
 * plugin. Prints each figure it fixed and a summary; exits 1 when the recount fails.
 */
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { compileApp } from './compile-app';
import { errorMessage } from '../src/utils/error-message';

const APP_DIR = path.join(__dirname, '..');
const USAGE = 'usage: npm run comments:reconcile';

/** What the counts service's reconcile answers. */
export interface ReconcileResult {
  documents: number;
  changed: number;
  fixed: Array<{ uid: string; documentId: string; locale: string; before: number; after: number }>;
}

/** The report as printed: one line per fixed figure, then a summary. */
export function describeReconcile(result: ReconcileResult): string[] {
  const lines = result.fixed.map(
    (fix) =>
      `${fix.uid} ${fix.documentId}${fix.locale ? ` (${fix.locale})` : ''}: ${fix.before} → ${fix.after} approved comments`
  );
  lines.push(
    `Comments reconcile: ${result.documents} document(s) checked, ${result.changed} count(s) fixed.`
  );
  return lines;
}

async function main(): Promise<number> {
  if (process.argv.length > 2) throw new Error(`unknown argument "${process.argv[2]}"\n${USAGE}`);
  // The recount serves no requests: without the GraphQL plugin the app loads sooner.
  process.env.GRAPHQL_ENABLED = 'false';
  const appContext = await compileApp(APP_DIR);
  const strapi = await createStrapi({ ...appContext, autoReload: false }).load();
  try {
    const counts = strapi.plugin('reader-comments')?.service('counts') as
      | { reconcile: () => Promise<ReconcileResult> }
      | undefined;
    if (!counts) throw new Error('the reader-comments plugin is not enabled in this app');
    const result = await counts.reconcile();
    for (const line of describeReconcile(result)) process.stdout.write(`${line}\n`);
    return 0;
  } finally {
    await strapi.destroy();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`comments:reconcile failed: ${errorMessage(error)}\n`);
      process.exit(1);
    }
  );
}
