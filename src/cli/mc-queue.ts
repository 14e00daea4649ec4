/** `mc --queue`: the coordinator, with its progress told on stderr when no progress bar shows it. */
import { redactedUrl } from '../queue/connection.js';
import { Coordinator, type QueueStatus } from '../queue/coordinator.js';
import type { Io } from './commands.js';

export async function openQueue(
  opts: { queue?: string; queuePrefix?: string; resume?: boolean },
  batchSize: number | undefined,
  io: Io,
): Promise<Coordinator> {
  let warned = false;
  const coordinator = await Coordinator.open({
    url: opts.queue!,
    prefix: opts.queuePrefix,
    resume: opts.resume,
    batchSize,
    onStatus: (s) => {
      if (s.workers === 0 && !warned) {
        warned = true;
        io.err(
          `queue: no worker is connected yet; start some with \`lodestone worker --redis ${redactedUrl(opts.queue!)}\`\n`,
        );
      }
      // On a terminal the progress bar shows the same, with its own ETA.
      if (!io.tty) io.err(`${statusLine(s)}\n`);
    },
  });
  io.err(`queue: batches go to ${redactedUrl(opts.queue!)}\n`);
  return coordinator;
}

export function statusLine(s: QueueStatus): string {
  const eta = s.eta === undefined ? '' : `, eta ${formatSeconds(s.eta)}`;
  return `queue: ${s.finished} of ${s.total} draws, ${s.workers} worker(s) connected${eta}`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
