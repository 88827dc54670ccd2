import { createSocket } from 'node:dgram';
import { DnsClaimsError } from '../errors.js';
import type { DnsServerAddress } from '../options/servers.js';

/**
 * Sends one datagram and waits for the first reply that `accept` takes (it returns
 * `undefined` to skip a datagram, such as a late answer with another ID). A fresh socket per
 * exchange gives a random source port; connecting it makes the kernel drop datagrams from
 * other addresses and report an ICMP "port unreachable" as ECONNREFUSED.
 */
export function exchangeUdp<T>(
  server: DnsServerAddress,
  query: Uint8Array,
  timeoutMs: number,
  accept: (reply: Uint8Array) => T | undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const socket = createSocket(server.family === 6 ? 'udp6' : 'udp4');
    let settled = false;
    const finish = (error: unknown, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(value as T);
    };
    const timer = setTimeout(
      () => finish(new DnsClaimsError('transport.timeout', `no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish(
        new DnsClaimsError('transport.network', `UDP ${error.code ?? error.message}`, {
          cause: error,
        }),
      );
    });
    socket.on('message', (reply) => {
      try {
        const value = accept(reply);
        if (value !== undefined) finish(undefined, value);
      } catch (error) {
        finish(error);
      }
    });
    socket.connect(server.port, server.host, () => {
      socket.send(query, (error) => {
        if (error)
          finish(
            new DnsClaimsError('transport.network', `UDP send failed: ${error.message}`, {
              cause: error,
            }),
          );
      });
    });
  });
}
