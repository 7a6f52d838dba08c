import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateExport } from '../generate-export';

/**
 * The reader streams: a 200 MB export is read record by record with memory that does not follow the
 * file's size. The reader runs in a process of its own whose heap is capped far below the file's size, so
 * a reader that held the file (as a string or a parsed tree) runs out of memory and fails the test
 * whatever the machine's load; its peak resident memory is checked as well (no time limit).
 */
const HEAP_MB = 96;
const run = promisify(execFile);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wxr-stream-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

it('reads a 200 MB export in memory that does not grow with the file', async () => {
  const file = path.join(dir, 'big.xml');
  const made = await generateExport(file, { bytes: 200 * 1024 * 1024, postBytes: 100_000 });
  const reader = path.join(__dirname, 'support', 'read-export.ts');
  const { stdout } = await run(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, '-r', 'esbuild-register', reader, file],
    { cwd: path.resolve(__dirname, '../../..') }
  );
  const read = JSON.parse(stdout) as { posts: number; startRss: number; peakRss: number };
  expect(read.posts).toBe(made.posts);
  // about 0.1 of the file; a reader holding the file would need more than 1 (and dies at the heap cap)
  expect((read.peakRss - read.startRss) / made.bytes).toBeLessThan(0.5);
}, 120_000);
