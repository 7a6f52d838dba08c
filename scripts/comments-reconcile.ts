/**
 * `npm run comments:reconcile`
 *
 * Boots the app (compiling config/ and src/ first) and recounts every document's reader comments and every
 * thread's replies with the reader-comments plugin's counts service (the same work as the moderation
 * API's `POST /reader-comments/reconcile`): after an import or a restored backup wrote rows around the
 * plugin. Prints each figure it fixed and a summary; exits 1 when the recount fails.
 */
import { runCommand, withLoadedApp } from './app-command';
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
  return withLoadedApp(async (strapi) => {
    const counts = strapi.plugin('reader-comments')?.service('counts') as
      | { reconcile: () => Promise<ReconcileResult> }
      | undefined;
    if (!counts) throw new Error('the reader-comments plugin is not enabled in this app');
    const result = await counts.reconcile();
    for (const line of describeReconcile(result)) process.stdout.write(`${line}\n`);
    return 0;
  });
}

if (require.main === module) runCommand('comments:reconcile', main);
