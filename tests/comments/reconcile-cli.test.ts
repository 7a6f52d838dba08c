import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { documentsOf } from '../helpers/content';
import { COMMENTS, guest, postComment } from '../helpers/comments';
import { APP_DIR, type TestApp, useSharedApp } from '../helpers/strapi';

/**
 * `npm run comments:reconcile` end to end: a count written around the plugin (as an import or a restored
 * backup would) is fixed by the script, run as its own process on the shared app's database while the app
 * keeps serving, and the script says what it fixed.
 */
const testApp = useSharedApp();
let app: TestApp;
beforeAll(() => {
  app = testApp();
});

function reconcile(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'esbuild-register', path.join(APP_DIR, 'scripts', 'comments-reconcile.ts')],
      { cwd: APP_DIR, env: { ...process.env, ...app.env, JEST_WORKER_ID: '' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    );
  });
}

it('recounts a count written around the plugin, prints what it fixed and exits 0', async () => {
  const documentId = (
    await documentsOf(app, 'api::article.article').create({
      status: 'published',
      data: { title: `Reconciled ${randomUUID().slice(0, 8)}` },
    })
  ).documentId as string;
  expect(
    (await postComment(app, documentId, { text: 'Counted once', author: guest() })).status
  ).toBe(201);
  await app.strapi.db
    .query('plugin::reader-comments.count')
    .updateMany({ where: { subjectId: documentId }, data: { approved: 7 } });
  const read = () => app.http().get(`${COMMENTS}/article/${documentId}`);
  expect((await read()).body.meta.count).toBe(7);

  const { code, stdout, stderr } = await reconcile();
  expect([code, stderr.includes('failed')]).toEqual([0, false]);
  expect(stdout).toMatch(
    new RegExp(`^api::article\\.article ${documentId} \\(\\w+\\): 7 → 1 approved comments$`, 'm')
  );
  expect(stdout).toMatch(
    /^Comments reconcile: \d+ document\(s\) checked, [1-9]\d* count\(s\) fixed\.$/m
  );
  const row = await app.strapi.db
    .query('plugin::reader-comments.count')
    .findOne({ where: { subjectId: documentId } });
  expect(row.approved).toBe(1);
}, 120_000);
