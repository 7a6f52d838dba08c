/**
 * The command's only way to the terminal: a progress bar when stderr is a terminal, a plain line every
 * 100 posts otherwise (CI logs), and the summary on stdout.
 */
import { Presets, SingleBar } from 'cli-progress';

export interface Output {
  progress(done: number, total: number): void;
  done(): void;
  print(lines: string[]): void;
}

/** Progress and summary output for `npm run import:wordpress`. */
export function terminalOutput(stream: NodeJS.WriteStream = process.stderr): Output {
  let bar: SingleBar | undefined;
  return {
    progress(done, total) {
      if (stream.isTTY) {
        if (!bar) {
          bar = new SingleBar(
            { stream, format: 'posts {bar} {value}/{total}' },
            Presets.shades_classic
          );
          bar.start(total, 0);
        }
        bar.update(done);
      } else if (done % 100 === 0 || done === total) {
        stream.write(`posts: ${done}/${total}\n`);
      }
    },
    done() {
      bar?.stop();
    },
    print(lines) {
      for (const line of lines) process.stdout.write(`${line}\n`);
    },
  };
}
