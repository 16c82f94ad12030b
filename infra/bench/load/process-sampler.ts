// CPU and memory of every process of the run, from /proc, once a second: the API node(s), the
// dispatcher(s), our database's PostgreSQL backends (summed), Redis (shared with whoever else uses
// it), the load generator itself; and the whole machine, which others share.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { now } from './messages.js';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const PAGE_BYTES = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;

interface ProcessInfo {
  pid: number;
  ppid: number;
  ticks: number;
  rssBytes: number;
  cmdline: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return {
      pid,
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      rssBytes: Number(fields[21]) * PAGE_BYTES,
      cmdline,
    };
  } catch {
    return undefined; // gone meanwhile
  }
}

function allProcesses(): ProcessInfo[] {
  const list: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProcess(Number(name));
    if (info) list.push(info);
  }
  return list;
}

/** Busy and total ticks of the whole machine (every core), from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = cpu[3]! + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

/** Which processes form a group, from the whole process table (and the parent of each). */
export type Selector = (process: ProcessInfo, all: Map<number, ProcessInfo>) => boolean;

/** True when `ancestor` is `process` or one of its ancestors. */
export function descendsFrom(ancestor: number): (p: ProcessInfo, all: Map<number, ProcessInfo>) => boolean {
  return (p, all) => {
    for (let at: ProcessInfo | undefined = p; at; at = all.get(at.ppid)) if (at.pid === ancestor) return true;
    return false;
  };
}

interface Sample {
  at: number;
  /** Cumulative CPU seconds of each group since sampling began (exited processes keep theirs). */
  cpuSeconds: Record<string, number>;
  rssBytes: Record<string, number>;
  processes: Record<string, number>;
  machine: { busy: number; total: number };
}

export interface ProcessUse {
  name: string;
  /** Percent of one core, mean over the period. */
  cpuPercent: number;
  /** Largest resident memory of the group in the period, bytes. */
  rssBytes: number;
  processes: number;
}

export class ProcessSampler {
  private readonly samples: Sample[] = [];
  private readonly lastTicks = new Map<number, number>();
  private readonly cumulative: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;
  /** Each group's processes at the last sample. */
  readonly members = new Map<string, number[]>();

  constructor(private readonly groups: [name: string, selector: Selector][]) {}

  start(everyMs = 1000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  private sample(): void {
    const all = new Map(allProcesses().map((p) => [p.pid, p]));
    const first = this.samples.length === 0;
    const rssBytes: Record<string, number> = {};
    const processes: Record<string, number> = {};
    for (const [name, selector] of this.groups) {
      this.cumulative[name] ??= 0;
      rssBytes[name] = 0;
      processes[name] = 0;
      const pids: number[] = [];
      this.members.set(name, pids);
      for (const p of all.values()) {
        if (!selector(p, all)) continue;
        pids.push(p.pid);
        const before = this.lastTicks.get(p.pid);
        // A process seen for the first time after the start counts from its birth.
        if (!first) this.cumulative[name] += (p.ticks - (before ?? 0)) / CLOCK_TICKS;
        rssBytes[name] += p.rssBytes;
        processes[name]++;
      }
    }
    for (const p of all.values()) this.lastTicks.set(p.pid, p.ticks);
    this.samples.push({
      at: now(),
      cpuSeconds: { ...this.cumulative },
      rssBytes,
      processes,
      machine: machineTicks(),
    });
  }

  /** Each group's CPU (percent of one core) and largest RSS between two times. */
  use(from: number, to: number): { groups: ProcessUse[]; machineBusyPercent: number; cores: number } {
    const within = this.samples.filter((s) => s.at >= from && s.at <= to);
    const cores = Math.max(
      1,
      readFileSync('/proc/stat', 'utf8')
        .split('\n')
        .filter((l) => /^cpu\d/.test(l)).length,
    );
    if (within.length < 2) return { groups: [], machineBusyPercent: Number.NaN, cores };
    const [a, b] = [within[0]!, within[within.length - 1]!];
    const seconds = (b.at - a.at) / 1000;
    const groups = this.groups.map(([name]) => ({
      name,
      cpuPercent: ((b.cpuSeconds[name]! - a.cpuSeconds[name]!) / seconds) * 100,
      rssBytes: Math.max(...within.map((s) => s.rssBytes[name]!)),
      processes: Math.max(...within.map((s) => s.processes[name]!)),
    }));
    const machineBusyPercent =
      ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * 100 * cores;
    return { groups, machineBusyPercent, cores };
  }
}
