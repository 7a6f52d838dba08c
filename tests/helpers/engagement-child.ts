/**
 * A second Strapi instance in its own process (two Strapi instances cannot share one Node process).
 * Run with `node -r esbuild-register tests/helpers/engagement-child.ts`; the parent passes the database
 * and secrets in the environment. Reports `{ type: 'ready', baseUrl }` over IPC, answers
 * `{ type: 'flush' }` with `{ type: 'flushed' }`, and shuts Strapi down gracefully on SIGTERM (Strapi's
 * own handler) or `{ type: 'stop' }`; Strapi's destroy runs the plugin's final flush.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';

const APP_DIR = path.join(__dirname, '..', '..');

async function main(): Promise<void> {
  const strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
  }).load();
  strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await strapi.destroy();
      process.send?.({ type: 'stopped' });
    } finally {
      process.disconnect?.();
      process.exit(0);
    }
  };
  // SIGTERM is handled by Strapi itself (createStrapi registers destroy-then-exit), as in production.
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stop') void stop();
    if (message?.type === 'flush') {
      (strapi.plugin('engagement').service('counter') as { flush(): Promise<unknown> })
        .flush()
        .then(
          () => process.send?.({ type: 'flushed' }),
          (error: Error) => process.send?.({ type: 'flushed', error: error.message })
        );
    }
  });
  process.send?.({ type: 'ready', baseUrl });
}

main().catch((error: Error) => {
  process.send?.({ type: 'error', message: error.stack ?? error.message });
  process.exit(1);
});
