import { writeFile } from 'node:fs/promises';

/**
 * Writes the time to `file` every `everyMs` milliseconds while `alive()` holds, so that a
 * container health check can tell a working dispatcher (fresh file) from a stuck or dead one
 * (stale file): the dispatcher serves no HTTP. Returns a function that stops it.
 */
export function startHeartbeat(file: string, everyMs: number, alive: () => boolean): () => void {
  const beat = () => {
    if (alive()) void writeFile(file, `${new Date().toISOString()}\n`).catch(() => undefined);
  };
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
