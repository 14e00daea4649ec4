/** A progress bar over periods on a terminal; silent when output is piped or in CI. */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(label: string, index: number, total: number): void;
  stop(): void;
}

export function periodProgress(enabled: boolean): Progress {
  if (!enabled) return { tick() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    tick(label, index, total) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: 'solving {bar} {value}/{total} periods | {label} | eta {eta_formatted}',
            stream: process.stderr,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { label });
      }
      bar.update(index + 1, { label });
    },
    stop() {
      bar?.stop();
    },
  };
}

/** A progress bar with ETA over Monte Carlo draws; silent when not on a terminal. */
export function drawProgress(enabled: boolean): { tick(done: number, total: number): void; stop(): void } {
  if (!enabled) return { tick() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    tick(done, total) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: 'draws {bar} {value}/{total} | {percentage}% | eta {eta_formatted}',
            stream: process.stderr,
            clearOnComplete: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

/** A progress bar over a job's steps (an exposure's scenario runs and draws), with the step's label; silent when not on a terminal. */
export function stepProgress(enabled: boolean): {
  tick(label: string, done: number, total: number): void;
  stop(): void;
} {
  if (!enabled) return { tick() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    tick(label, done, total) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: 'runs {bar} {value}/{total} | {label} | eta {eta_formatted}',
            stream: process.stderr,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { label });
      }
      bar.update(done, { label });
    },
    stop() {
      bar?.stop();
    },
  };
}
