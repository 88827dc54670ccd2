import { LocalError } from '../errors.js';
import type { DemoGroup } from './demo-zone.js';

/** Where the running stack answers. */
export interface SeedTarget {
  /** The API, e.g. `http://127.0.0.1:8787`. */
  apiOrigin: string;
  /** The snapshot as the site serves it. */
  snapshotUrl: string;
}

async function attest(apiOrigin: string, group: DemoGroup, count: number): Promise<void> {
  const response = await fetch(`${apiOrigin}/api/v1/attest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ owner: group.owner, type: group.type, domains: group.hostnames }),
  });
  const answer = (await response.json().catch(() => ({}))) as {
    isValid?: boolean;
    errorMessage?: string;
    error?: string;
  };
  if (response.status === 429) {
    throw new LocalError(
      'demo.dns',
      `the API refused to seed the demo members (429, too many requests): ATTEST_RATE_LIMIT must allow at least ${count} attestations a minute for --demo`,
    );
  }
  if (response.status !== 200 || answer.isValid !== true) {
    throw new LocalError(
      'demo.dns',
      `seeding ${group.hostnames.join(' + ')} failed (${response.status}): ${answer.errorMessage ?? answer.error ?? 'no reason given'}`,
    );
  }
}

async function listed(snapshotUrl: string): Promise<Set<string>> {
  const response = await fetch(snapshotUrl, { headers: { 'Cache-Control': 'no-cache' } });
  if (response.status !== 200) return new Set();
  const records = (await response.json()) as Array<{ Hostname?: string }>;
  return new Set(records.map((record) => String(record.Hostname)));
}

/**
 * Attests the demo members through the API, as anyone would (real DNS lookups against the
 * demo zone, the write policy, the stream, the streamer), then waits until the snapshot the
 * site serves lists them, so the members page shows them at `ready`.
 */
export async function seedDemoMembers(
  target: SeedTarget,
  members: readonly DemoGroup[],
  timeoutMs = 120_000,
): Promise<void> {
  for (const member of members) await attest(target.apiOrigin, member, members.length);
  const wanted = members.flatMap((member) => member.hostnames);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await listed(target.snapshotUrl);
    if (wanted.every((name) => names.has(name))) return;
    if (Date.now() > deadline) {
      throw new LocalError(
        'demo.dns',
        `the demo members were attested but the snapshot did not list them within ${timeoutMs / 1000} s; is the stream poller running?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
