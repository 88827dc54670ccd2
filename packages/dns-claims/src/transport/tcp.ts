import { connect } from 'node:net';
import { DnsClaimsError } from '../errors.js';
import type { DnsServerAddress } from '../options/servers.js';

/**
 * Sends one query over TCP (RFC 1035 §4.2.2: each message prefixed by its 16-bit length) and
 * returns the first reply that `accept` takes. `timeoutMs` covers connecting and answering.
 */
export function exchangeTcp<T>(
  server: DnsServerAddress,
  query: Uint8Array,
  timeoutMs: number,
  accept: (reply: Uint8Array) => T | undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port });
    let buffered: Buffer = Buffer.alloc(0);
    let settled = false;
    const finish = (error: unknown, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(value as T);
    };
    const timer = setTimeout(
      () => finish(new DnsClaimsError('transport.timeout', `no TCP answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish(
        new DnsClaimsError('transport.network', `TCP ${error.code ?? error.message}`, {
          cause: error,
        }),
      );
    });
    socket.on('close', () => {
      finish(
        new DnsClaimsError('transport.network', 'TCP connection closed before a complete answer'),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) return;
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        try {
          const value = accept(message);
          if (value !== undefined) {
            finish(undefined, value);
            return;
          }
        } catch (error) {
          finish(error);
          return;
        }
      }
    });
    const frame = Buffer.alloc(2 + query.length);
    frame.writeUInt16BE(query.length, 0);
    frame.set(query, 2);
    socket.write(frame);
  });
}
