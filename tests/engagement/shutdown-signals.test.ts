import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import request from 'supertest';
import { browserUA, createArticle, pool, storedViews } from '../helpers/engagement-fixtures';
import { APP_DIR, useSharedApp } from '../helpers/strapi';

/**
 * Deploys lose nothing: the README's production command (`npm start`) is started as a real process tree,
 * 500 views are buffered in its memory (flush interval one hour), and a signal to the process the README
 * starts (npm; npm as PID 1 in a PID namespace, as in a container) must reach Strapi, whose shutdown
 * writes them. Runs on the compiled app in dist/ (tests/global-setup.js), without the admin build. The
 * servers are further instances of the shared app (its settings, on its database): it makes the articles
 * and reads what the servers stored; the articles are this file's own.
 */

const VIEWS = 500;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Whether something still listens on the port (an orphaned Strapi would). */
const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

interface Started {
  process: ChildProcess;
  baseUrl: string;
  port: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

/** Process groups of the servers started here: killed in afterAll, so a failed test leaves no orphan behind. */
const groups: number[] = [];

const testApp = useSharedApp();

/** Starts `command` from the app directory with the shared app's settings, database and secrets, and waits for /_health. */
async function startServer(command: string[]): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...testApp().env,
    HOST: '127.0.0.1',
    PORT: String(port),
    npm_config_update_notifier: 'false',
    LOG_LEVEL: 'warn',
    // what a signal does is the same with or without GraphQL, whose schema is a third of a start's CPU
    GRAPHQL_ENABLED: 'false',
  };
  // Outside Jest the plugins compile their TypeScript with esbuild-register, as in production.
  delete env.JEST_WORKER_ID;
  // A process group of its own: signals in the test go to one process, cleanup to the whole group.
  const child = spawn(command[0], command.slice(1), {
    cwd: APP_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  groups.push(child.pid as number);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal }))
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  let healthy = false;
  let ended = false;
  void exited.then(() => (ended = true));
  for (let attempt = 0; attempt < 600 && !healthy && !ended; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    healthy = await request(baseUrl)
      .get('/_health')
      .then(
        (res) => res.status === 204,
        () => false
      );
  }
  if (!healthy) {
    child.kill('SIGKILL');
    throw new Error(`${command.join(' ')} did not become healthy:\n${output}`);
  }
  return { process: child, baseUrl, port, exited, output: () => output };
}

/** 500 views by distinct visitors, all of which must be counted (buffered, not yet written). */
async function buffer500Views(baseUrl: string, documentId: string): Promise<void> {
  const responses = await pool(
    Array.from({ length: VIEWS }, (_, index) => browserUA(`deploy-${documentId}-${index}`)),
    10,
    (ua) =>
      request(baseUrl).post(`/api/engagement/article/${documentId}/view`).set('User-Agent', ua)
  );
  expect(
    responses.filter((res) => res.status === 202 && res.body.data?.counted === true)
  ).toHaveLength(VIEWS);
}

/** The process the signal goes to and whose end the test awaits must end without leaving the port taken. */
async function expectStoppedCleanly(started: Started): Promise<void> {
  const { code, signal } = await started.exited;
  expect({ code, signal, port: await listening(started.port) }).toEqual({
    code: expect.any(Number),
    signal: null,
    port: false,
  });
  expect(started.output()).not.toMatch(/could not be written at shutdown/);
}

afterAll(async () => {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch (error) {
      // ESRCH: the group is gone, as it should be after a clean stop.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
});

it('npm start: SIGTERM to npm writes every buffered view, and a restart shows them; SIGINT too', async () => {
  const app = testApp();
  const article = await createArticle(app.strapi, 'Deployed under npm');
  const first = await startServer(['npm', 'start', '--silent']);
  await buffer500Views(first.baseUrl, article.documentId);
  expect(await storedViews(app.strapi, article.documentId)).toBe(0);
  first.process.kill('SIGTERM');
  await expectStoppedCleanly(first);
  expect(await storedViews(app.strapi, article.documentId)).toBe(VIEWS);

  const second = await startServer(['npm', 'start', '--silent']);
  expect(
    (await request(second.baseUrl).get(`/api/engagement/article/${article.documentId}`)).body.data
      .views
  ).toBe(VIEWS);
  await request(second.baseUrl)
    .post(`/api/engagement/article/${article.documentId}/view`)
    .set('User-Agent', browserUA())
    .expect(202);
  second.process.kill('SIGINT');
  await expectStoppedCleanly(second);
  expect(await storedViews(app.strapi, article.documentId)).toBe(VIEWS + 1);
});

const canUnshare =
  process.platform === 'linux' &&
  fs.existsSync('/usr/bin/unshare') &&
  spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;
if (!canUnshare)
  process.stdout.write(
    'skipped: PID-namespace test needs `unshare --pid --fork --mount-proc` (Linux, root)\n'
  );

(canUnshare ? it : it.skip)(
  'npm start as PID 1 of its own PID namespace (a container): SIGTERM writes every buffered view',
  async () => {
    const app = testApp();
    const article = await createArticle(app.strapi, 'Deployed in a container');
    const started = await startServer([
      'unshare',
      '--pid',
      '--fork',
      '--mount-proc',
      'npm',
      'start',
      '--silent',
    ]);
    // unshare forks; its child is PID 1 inside the namespace, the process a container runtime signals.
    const unsharePid = started.process.pid as number;
    const pidOne = Number(
      fs
        .readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8')
        .trim()
        .split(/\s+/)[0]
    );
    expect(fs.readFileSync(`/proc/${pidOne}/status`, 'utf8')).toMatch(/^NSpid:\s+\d+\s+1$/m);
    await buffer500Views(started.baseUrl, article.documentId);
    process.kill(pidOne, 'SIGTERM');
    await expectStoppedCleanly(started);
    expect(await storedViews(app.strapi, article.documentId)).toBe(VIEWS);
  }
);
