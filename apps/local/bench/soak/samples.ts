// Resident memory and open file descriptors of a process tree, read from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';
import { processTree } from '../../test/support/processes.js';

/** One reading of one process. */
export interface Reading {
  rssKiB: number;
  fds: number;
}

/** Every reading of one process, keyed by when it was taken (ms since the soak began). */
export interface ProcessSeries {
  pid: number;
  name: string;
  /** The command line, shortened: tells two `node` processes apart. */
  command: string;
  readings: Array<Reading & { at: number }>;
}

function read(pid: number): Reading | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    // A zombie has no VmRSS line; it is not a process to measure.
    if (!rss) return undefined;
    return { rssKiB: Number(rss[1]), fds: readdirSync(`/proc/${pid}/fd`).length };
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    const words = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // The script or main class says what it is; java's is its last argument but options.
    const meaningful = words.find((word) => /\.(m?js|ts|jar)$/.test(word)) ?? words[0] ?? '?';
    return meaningful.split('/').slice(-2).join('/');
  } catch {
    return '?';
  }
}

/** Samples a tree: every call reads each process now in it, new ones included. */
export function createTreeSampler(rootPid: number, began: number) {
  const series = new Map<number, ProcessSeries>();
  return {
    series,
    sample(): void {
      const at = performance.now() - began;
      for (const info of processTree(rootPid)) {
        const reading = read(info.pid);
        if (!reading) continue;
        let entry = series.get(info.pid);
        if (!entry) {
          entry = { pid: info.pid, name: info.name, command: commandOf(info.pid), readings: [] };
          series.set(info.pid, entry);
        }
        entry.readings.push({ ...reading, at });
      }
    },
  };
}
