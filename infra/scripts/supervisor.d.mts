// Types of supervisor.mjs for the TypeScript tests (the script itself is plain ESM run by node).
import type { ChildProcess } from 'node:child_process';

export function restartDelayMs(restarts: number, options?: { baseMs?: number; maxMs?: number }): number;
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string;

export class Supervisor {
  constructor(options: {
    log: (name: string, line: string) => void;
    baseMs?: number;
    maxMs?: number;
    stableMs?: number;
  });
  readonly stopping: boolean;
  keep(
    name: string,
    spawnChild: () => ChildProcess,
    options?: { restart?: boolean; onExit?: (code: number | null, signal: NodeJS.Signals | null) => void },
  ): void;
  running(names?: string[]): ChildProcess[];
  stop(): void;
}
