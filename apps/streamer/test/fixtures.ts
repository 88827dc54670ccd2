import { createHash } from 'node:crypto';
import type { AttestedRecordLike, SymmetryCode } from '@symval/records';

const b64 = (text: string) => createHash('sha256').update(text).digest('base64');

/** The records of an attested group with its v1 group ID (the algorithm of @symval/groupid). */
export function attestedGroup(
  owner: string,
  type: SymmetryCode,
  hostnames: readonly string[],
  validateTime: Date,
): AttestedRecordLike[] {
  const groupId = `v1:${type}:${b64(owner)}:${b64([...hostnames].sort().join(''))}`;
  return hostnames.map((hostname) => ({ owner, type, hostname, groupId, validateTime }));
}

/** A logger that keeps what it is told, for assertions on the JSON log fields. */
export function memoryLogger() {
  const lines: { level: string; message: string; extra: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, extra: Record<string, unknown>) => {
    lines.push({ level, message, extra });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}
