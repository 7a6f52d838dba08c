/**
 * Reads a WXR export the way the importer does (every record, indexed) and prints what it read and the
 * process's resident memory before and at its peak, as JSON. The streaming test runs it in a process of
 * its own with a capped heap, so the figure is this reader's alone and not the test worker's.
 */
import { addToIndex, emptyIndex } from '../../export-index';
import { readWxr } from '../../wxr';

async function main(file: string): Promise<void> {
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  let posts = 0;
  const index = emptyIndex();
  for await (const record of readWxr(file)) {
    addToIndex(index, record);
    if (record.kind === 'item' && record.item.type === 'post') posts += 1;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  process.stdout.write(JSON.stringify({ posts, startRss, peakRss }));
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
  );
  process.exitCode = 1;
});
