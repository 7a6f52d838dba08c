import type { ChildProcess } from 'node:child_process';

/** A message between a test or bench and a child process it forked (`type` names it). */
export type ChildMessage = { type?: string } & Record<string, unknown>;

/**
 * Sends `message` to a forked child (when given) and resolves with the child's first message of type
 * `type`. Rejects when the child sends `{ type: 'error', message }` or exits first; other messages are
 * ignored. The listeners are removed once it settles, so a long run adds none per call.
 */
export function waitForMessage<M extends ChildMessage = ChildMessage>(
  child: ChildProcess,
  type: string,
  message?: ChildMessage
): Promise<M> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (answer: M) => {
      if (answer?.type === type) {
        cleanup();
        resolve(answer);
      } else if (answer?.type === 'error') {
        cleanup();
        reject(new Error(`child failed: ${String(answer.message)}`));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (${code}) before "${type}"`));
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    if (message) child.send(message);
  });
}
