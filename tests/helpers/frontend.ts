import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from './boot';

/** Where the reference frontend (frontend/, a Next.js app) lives. */
export const FRONTEND_DIR = path.join(APP_DIR, 'frontend');

/**
 * The port the e2e frontend listens on: the e2e project's shared app is booted with
 * `FRONTEND_URL=http://127.0.0.1:<port>` (jest.config.js), so its share redirect and Preview point here.
 */
export const FRONTEND_E2E_PORT = 3123;
export const FRONTEND_E2E_URL = `http://127.0.0.1:${FRONTEND_E2E_PORT}`;

export interface RunningFrontend {
  url: string;
  /** What the server printed (for a failing test's message). */
  output: () => string;
  stop(): Promise<void>;
}

const nextBin = (): string => require.resolve('next/dist/bin/next', { paths: [FRONTEND_DIR] });

/**
 * Starts the frontend's production server (`next start`) against a Strapi at `strapiUrl`; the build
 * must exist (`npm run build -w frontend`, which `npm run test:e2e` runs first).
 */
export async function startFrontend(options: {
  strapiUrl: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<RunningFrontend> {
  if (!fs.existsSync(path.join(FRONTEND_DIR, '.next', 'BUILD_ID')))
    throw new Error(
      'The frontend is not built: run `npm run build -w frontend` (npm run test:e2e does)'
    );
  const port = options.port ?? FRONTEND_E2E_PORT;
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin(), 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: FRONTEND_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        STRAPI_URL: options.strapiUrl,
        PUBLIC_STRAPI_URL: options.strapiUrl,
        FRONTEND_URL: url,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/_ready-probe`, { redirect: 'manual' });
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`next start did not answer on ${url} within 30 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
