// The heap of a running Node process of the stack, read over its inspector (the Chrome
// DevTools protocol): a forced full GC, then process.memoryUsage(), and heap snapshots to
// compare by constructor. The bench opens the inspector with SIGUSR1 (Node's own switch; the
// stack is started with NODE_OPTIONS=--inspect-port=0 so it picks a free loopback port), so
// the product has no debug endpoint and runs unchanged until the bench asks.
//
// Node 20 has no global WebSocket without a flag; playwright-core (already a dev dependency,
// for Chromium) ships the `ws` client in its exported utilsBundle, so no new dependency.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The part of a `ws` WebSocket the client uses. */
interface Socket {
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  once(event: 'open', listener: () => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  send(text: string): void;
  close(): void;
}
const { ws: WebSocket } = require('playwright-core/lib/utilsBundle') as {
  ws: new (url: string, options: { maxPayload: number; perMessageDeflate: boolean }) => Socket;
};

/** process.memoryUsage() of the inspected process, in bytes. */
export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** A connection to one process's inspector. */
export interface Inspector {
  /** A full GC (twice: weak callbacks run after the first), then the process's memory use. */
  usageAfterGc(): Promise<MemoryUsage>;
  /** A heap snapshot (V8 collects garbage first) as its JSON text. */
  heapSnapshot(): Promise<string>;
  close(): void;
}

/** Connects to `url` (`ws://127.0.0.1:<port>/<uuid>`, as the process printed it). */
export async function connectInspector(url: string): Promise<Inspector> {
  const socket = new WebSocket(url, { maxPayload: 1 << 30, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let onChunk: ((chunk: string) => void) | undefined;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      id?: number;
      method?: string;
      params?: { chunk?: string };
      result?: unknown;
      error?: { message: string };
    };
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') {
      onChunk?.(message.params!.chunk!);
      return;
    }
    const call = message.id === undefined ? undefined : waiting.get(message.id);
    if (!call) return;
    waiting.delete(message.id!);
    if (message.error) call.reject(new Error(message.error.message));
    else call.resolve(message.result);
  });
  const closed = () => {
    for (const call of waiting.values()) call.reject(new Error('the inspector connection closed'));
    waiting.clear();
  };
  socket.on('close', closed);
  socket.on('error', closed);
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });

  return {
    async usageAfterGc() {
      await send('HeapProfiler.collectGarbage');
      await send('HeapProfiler.collectGarbage');
      const result = (await send('Runtime.evaluate', {
        expression: 'JSON.stringify(process.memoryUsage())',
        returnByValue: true,
      })) as { result: { value: string } };
      return JSON.parse(result.result.value) as MemoryUsage;
    },
    async heapSnapshot() {
      const chunks: string[] = [];
      onChunk = (chunk) => chunks.push(chunk);
      try {
        await send('HeapProfiler.collectGarbage');
        await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      } finally {
        onChunk = undefined;
      }
      return chunks.join('');
    },
    close: () => socket.close(),
  };
}
