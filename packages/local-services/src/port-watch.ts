import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';

/** A connection that reached a watched port. */
export interface PortHit {
  readonly port: number;
  /** The first line the client sent (an HTTP request line, usually), at most 200 characters. */
  readonly firstLine: string;
  /**
   * The process that connected, where the system tells (Linux `/proc`): its pid and working
   * directory, which names the package whose tests it runs.
   */
  readonly client?: { readonly pid: number; readonly cwd: string };
}

/** The process holding the client end of a loopback connection from `port` (Linux only). */
function clientOf(port: number): PortHit['client'] {
  try {
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    const line = readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .find((row) => row.trim().split(/\s+/)[1] === `0100007F:${hex}`);
    const inode = line?.trim().split(/\s+/)[9];
    if (!inode || inode === '0') return undefined;
    const target = `socket:[${inode}]`;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let fds: string[];
      try {
        fds = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        try {
          if (readlinkSync(`/proc/${pid}/fd/${fd}`) === target) {
            return { pid: Number(pid), cwd: readlinkSync(`/proc/${pid}/cwd`) };
          }
        } catch {
          // The descriptor closed while we looked.
        }
      }
    }
  } catch {
    // Not Linux, or /proc is not readable: the hit is still recorded.
  }
  return undefined;
}

/** Ports held by {@link watchPorts}. */
export interface PortWatch {
  /** The ports this watch holds. */
  readonly held: readonly number[];
  /** The ports something else already held (a running `pnpm dev`, say): not watched. */
  readonly busy: readonly number[];
  /** Every connection so far. */
  readonly hits: readonly PortHit[];
  stop(): Promise<void>;
}

const ANSWER = [
  'HTTP/1.1 503 Service Unavailable',
  'Content-Type: text/plain',
  'Connection: close',
  '',
  'A test reached a default port of pnpm dev; tests must bind port 0 and pass the address on.',
].join('\r\n');

function listen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
}

/**
 * Holds the given loopback ports for the length of a test run and records every connection
 * to them, answering HTTP 503. A test that talks to a fixed port (say the default ports of
 * `pnpm dev`) instead of the server it started would, on a machine where `pnpm dev` runs,
 * read that stack's data; with the ports watched it fails instead, and `hits` names it.
 *
 * @example
 * const watch = await watchPorts([8787, 8788]);
 * // … run the tests …
 * await watch.stop();
 * if (watch.hits.length > 0) process.exitCode = 1;
 */
export async function watchPorts(ports: readonly number[]): Promise<PortWatch> {
  const hits: PortHit[] = [];
  const held: number[] = [];
  const busy: number[] = [];
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  for (const port of ports) {
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      // Looked up at once, while the client still holds its end.
      const client = socket.remotePort === undefined ? undefined : clientOf(socket.remotePort);
      let text = '';
      let recorded = false;
      const record = () => {
        if (recorded) return;
        recorded = true;
        const firstLine = text.split(/\r?\n/)[0]?.slice(0, 200) ?? '';
        hits.push(client ? { port, firstLine, client } : { port, firstLine });
      };
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\n') || text.length > 200) {
          record();
          socket.end(ANSWER);
        }
      });
      socket.on('error', () => {});
      socket.once('end', () => {
        record();
        socket.end();
      });
    });
    if (await listen(server, port)) {
      held.push(port);
      servers.push(server);
    } else {
      busy.push(port);
    }
  }
  return {
    held,
    busy,
    hits,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
    },
  };
}
