// The process table, read from /proc (Linux): enough to list what `pnpm dev` started and to
// check that nothing of it is left.
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** One process: id, parent, state letter (`Z` for a zombie) and command name. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  name: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const [state = '?', ppid = '0'] = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(ppid), state, name: stat.slice(stat.indexOf('(') + 1, close) };
  } catch {
    return undefined;
  }
}

/** Every process there is now. */
export function listProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readProcess(Number(entry)))
    .filter((info): info is ProcessInfo => info !== undefined);
}

/** The process and all its descendants. */
export function processTree(rootPid: number): ProcessInfo[] {
  const all = listProcesses();
  const tree: ProcessInfo[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const info = all.find((candidate) => candidate.pid === pid);
    if (info) tree.push(info);
    for (const child of all.filter((candidate) => candidate.ppid === pid)) queue.push(child.pid);
  }
  return tree;
}

/** The processes of `pids` that still exist (zombies included: they were not reaped). */
export function stillThere(pids: readonly number[]): ProcessInfo[] {
  return pids.map(readProcess).filter((info): info is ProcessInfo => info !== undefined);
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
