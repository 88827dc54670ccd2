// The live heap of every process of the stack that has one, after a forced full GC: Node
// processes over their inspector (see inspector.ts), DynamoDB Local's JVM with `jcmd`
// (GC.run, then GC.heap_info). Resident memory includes what a runtime keeps but no longer
// uses; the heap after a full GC is what the program holds on to, so a leak shows there.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { connectInspector, type Inspector } from './inspector.js';

const run = promisify(execFile);

/** One heap reading: bytes held after a full GC (V8: heap used + external memory). */
export interface HeapReading {
  at: number;
  heapKiB: number;
  /** V8's external memory (Buffers and other memory outside the JS heap), in KiB. */
  externalKiB?: number;
  /** V8's heap as reserved from the system (used or not), in KiB. */
  heapTotalKiB?: number;
  /** Resident memory right after that GC, in KiB. */
  rssAfterGcKiB?: number;
}

/** How one process's heap is read. */
interface HeapProbe {
  read(): Promise<Omit<HeapReading, 'at'>>;
  snapshot?(): Promise<string>;
  close(): void;
}

const LISTENING = /Debugger listening on (ws:\/\/\S+)/g;

/**
 * Opens the inspector of Node process `pid` (SIGUSR1; it must run with
 * `--inspect-port=0`) and waits for the URL it prints to appear in `output()`.
 */
async function openNodeInspector(pid: number, output: () => string): Promise<Inspector> {
  const seen = [...output().matchAll(LISTENING)].length;
  process.kill(pid, 'SIGUSR1');
  for (;;) {
    const urls = [...output().matchAll(LISTENING)];
    if (urls.length > seen) return connectInspector(urls[seen]![1]!);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function nodeProbe(inspector: Inspector): HeapProbe {
  return {
    async read() {
      const usage = await inspector.usageAfterGc();
      return {
        heapKiB: usage.heapUsed / 1024,
        externalKiB: usage.external / 1024,
        heapTotalKiB: usage.heapTotal / 1024,
        rssAfterGcKiB: usage.rss / 1024,
      };
    },
    snapshot: () => inspector.heapSnapshot(),
    close: () => inspector.close(),
  };
}

function javaProbe(pid: number, commandFile: string): HeapProbe {
  writeFileSync(commandFile, 'GC.run\nGC.heap_info\n');
  return {
    async read() {
      const { stdout } = await run('jcmd', [String(pid), '-f', commandFile]);
      // G1: " garbage-first heap   total 262144K, used 45678K [...]"; other collectors
      // print one such line per generation: sum them.
      const used = [...stdout.matchAll(/total \d+K, used (\d+)K/g)].map((m) => Number(m[1]));
      if (used.length === 0) throw new Error(`no heap figures from jcmd ${pid}:\n${stdout}`);
      return { heapKiB: used.reduce((sum, n) => sum + n, 0) };
    },
    close: () => {},
  };
}

/** What a process is, from its executable. */
function runtimeOf(pid: number): 'node' | 'java' | undefined {
  try {
    const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return name === 'node' || name === 'java' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Heap readings of the processes `pids` that have a heap, every `read()`. */
export async function createHeapSampler(
  pids: readonly number[],
  output: () => string,
  scratch: string,
) {
  const probes = new Map<number, HeapProbe>();
  // One at a time: each waits for its own "Debugger listening" line.
  for (const pid of pids) {
    const runtime = runtimeOf(pid);
    if (runtime === 'node') probes.set(pid, nodeProbe(await openNodeInspector(pid, output)));
    if (runtime === 'java') probes.set(pid, javaProbe(pid, `${scratch}/jcmd-${pid}.txt`));
  }
  const series = new Map<number, HeapReading[]>([...probes.keys()].map((pid) => [pid, []]));
  const errors: string[] = [];
  return {
    series,
    errors,
    /** Reads every heap now (one after the other: a full GC costs a core for a moment). */
    async read(at: number): Promise<void> {
      for (const [pid, probe] of probes) {
        try {
          series.get(pid)!.push({ at, ...(await probe.read()) });
        } catch (error) {
          errors.push(`${pid}: ${(error as Error).message}`);
        }
      }
    },
    /** A heap snapshot of Node process `pid`. */
    snapshot(pid: number): Promise<string> | undefined {
      return probes.get(pid)?.snapshot?.();
    },
    close(): void {
      for (const probe of probes.values()) probe.close();
    },
  };
}
