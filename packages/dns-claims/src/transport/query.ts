import { randomInt } from 'node:crypto';
import { DnsClaimsError } from '../errors.js';
import type { DnsServerAddress } from '../options/servers.js';
import { type DnsMessage, decodeMessage, encodeQuery, Rcode } from '../wire/codec.js';
import { exchangeTcp } from './tcp.js';
import { exchangeUdp } from './udp.js';

/** Why a query got no usable answer. Every one of them means "unknown", never "no claim". */
export type QueryFailureCode =
  /** No answer from any server within `timeoutMs`, on every try. */
  | 'timeout'
  /** The server answered SERVFAIL. */
  | 'servfail'
  /** The server answered REFUSED. */
  | 'refused'
  /** A socket error, such as a closed port (ECONNREFUSED) or an unreachable network. */
  | 'network'
  /** The server answered FORMERR, with and without EDNS. */
  | 'formerr'
  /** The server answered NOTIMP. */
  | 'notimp'
  /** The answer could not be decoded. */
  | 'malformed'
  /** The answer was truncated over UDP and could not be fetched over TCP. */
  | 'truncated'
  /** Any other response code. */
  | 'other';

/** How queries are sent. */
export interface QuerySettings {
  servers: readonly DnsServerAddress[];
  /** Milliseconds to wait for one server on one try. */
  timeoutMs: number;
  /** Rounds over the server list. */
  tries: number;
  /** EDNS0 UDP payload size to advertise; 0 sends no OPT record. */
  ednsPayloadSize: number;
}

/** A usable answer (NOERROR or NXDOMAIN), or why none came. */
export type QueryOutcome =
  | { ok: true; message: DnsMessage; server: DnsServerAddress }
  | { ok: false; code: QueryFailureCode; message: string };

type Attempt =
  | { ok: true; message: DnsMessage }
  | { ok: false; code: QueryFailureCode; detail: string };

const RCODE_FAILURES: Record<number, [QueryFailureCode, string]> = {
  [Rcode.FORMERR]: ['formerr', 'FORMERR (the server could not read the query)'],
  [Rcode.SERVFAIL]: ['servfail', 'SERVFAIL'],
  [Rcode.NOTIMP]: ['notimp', 'NOTIMP (the server does not do this kind of query)'],
  [Rcode.REFUSED]: ['refused', 'REFUSED'],
};

// Accepts only the response to this query: same ID, QR set, and (when the server echoes it)
// the same question. Anything else is skipped, as a resolver skips stray datagrams.
function responseTo(id: number, name: string, type: number) {
  return (bytes: Uint8Array): DnsMessage | undefined => {
    if (bytes.length < 2 || ((bytes[0]! << 8) | bytes[1]!) !== id) return undefined;
    const message = decodeMessage(bytes);
    if (message.qr !== 1) return undefined;
    const question = message.questions[0];
    if (question && (question.name !== name || question.type !== type)) return undefined;
    return message;
  };
}

function failure(error: unknown): Attempt {
  if (error instanceof DnsClaimsError) {
    if (error.code === 'transport.timeout')
      return { ok: false, code: 'timeout', detail: error.message };
    if (error.code === 'transport.network')
      return { ok: false, code: 'network', detail: error.message };
    if (error.code === 'wire.malformed')
      return { ok: false, code: 'malformed', detail: error.message };
  }
  throw error;
}

async function askServer(
  server: DnsServerAddress,
  name: string,
  type: number,
  settings: QuerySettings,
  ednsPayloadSize: number,
): Promise<Attempt> {
  let message: DnsMessage;
  try {
    const id = randomInt(0x10000);
    const query = encodeQuery({ id, name, type, ednsPayloadSize });
    message = await exchangeUdp(server, query, settings.timeoutMs, responseTo(id, name, type));
  } catch (error) {
    return failure(error);
  }
  if (message.tc) {
    try {
      const id = randomInt(0x10000);
      const query = encodeQuery({ id, name, type, ednsPayloadSize });
      message = await exchangeTcp(server, query, settings.timeoutMs, responseTo(id, name, type));
    } catch (error) {
      const why = failure(error);
      const detail = why.ok ? '' : why.detail;
      return {
        ok: false,
        code: 'truncated',
        detail: `answer truncated over UDP, and over TCP: ${detail}`,
      };
    }
    if (message.tc)
      return { ok: false, code: 'truncated', detail: 'answer truncated even over TCP' };
  }
  // A server (or middlebox) that cannot read EDNS answers FORMERR: ask once more without it.
  if (message.rcode === Rcode.FORMERR && ednsPayloadSize > 0) {
    return askServer(server, name, type, settings, 0);
  }
  if (message.rcode === Rcode.NOERROR || message.rcode === Rcode.NXDOMAIN) {
    return { ok: true, message };
  }
  const known = RCODE_FAILURES[message.rcode];
  return known
    ? { ok: false, code: known[0], detail: known[1] }
    : { ok: false, code: 'other', detail: `response code ${message.rcode}` };
}

/**
 * Asks the servers for `type` records of `name`, in order, `tries` rounds over the list, moving
 * on after a timeout, SERVFAIL, REFUSED, a network error or any other failure. Returns the
 * first NOERROR or NXDOMAIN answer; otherwise the code of the last failure, with every
 * attempt in the message.
 */
export async function queryDns(
  name: string,
  type: number,
  settings: QuerySettings,
): Promise<QueryOutcome> {
  const attempts: string[] = [];
  let last: QueryFailureCode = 'other';
  for (let round = 1; round <= settings.tries; round++) {
    for (const server of settings.servers) {
      const attempt = await askServer(server, name, type, settings, settings.ednsPayloadSize);
      if (attempt.ok) return { ok: true, message: attempt.message, server };
      last = attempt.code;
      attempts.push(`${server.label} (try ${round}): ${attempt.detail}`);
    }
  }
  return {
    ok: false,
    code: last,
    message: `DNS query for ${name} failed on every server: ${attempts.join('; ')}`,
  };
}
