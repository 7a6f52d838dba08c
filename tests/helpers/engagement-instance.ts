import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitForMessage } from './child-messages';

export interface ChildInstance {
  baseUrl: string;
  process: ChildProcess;
  /** Asks the child to flush its buffer now. */
  flush(): Promise<void>;
  /** Graceful stop (SIGTERM → strapi.destroy → final flush); resolves when the process exited. */
  stop(): Promise<void>;
}

const CHILD = path.join(__dirname, 'engagement-child.ts');

/**
 * Starts another instance of the app in a child process, on the same database as the current test
 * app (process.env as startTestApp left it) plus `env`, without GraphQL unless `env` enables it.
 */
export async function startChildInstance(env: Record<string, string> = {}): Promise<ChildInstance> {
  // No GraphQL unless `env` asks for it (a third of a boot's CPU; no test reaches /graphql on a second
  // instance), as for apps of a file's own (tests/helpers/strapi.ts)
  const childEnv: NodeJS.ProcessEnv = { ...process.env, GRAPHQL_ENABLED: 'false', ...env };
  // The plugin's entry registers esbuild-register itself outside Jest.
  delete childEnv.JEST_WORKER_ID;
  const child = fork(CHILD, [], {
    env: childEnv,
    execArgv: ['-r', 'esbuild-register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await waitForMessage(child, 'ready');
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    })
  );
  return {
    baseUrl: String(ready.baseUrl),
    process: child,
    async flush() {
      const done = waitForMessage(child, 'flushed');
      child.send({ type: 'flush' });
      const reply = await done;
      if (reply.error) throw new Error(String(reply.error));
    },
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
  };
}
