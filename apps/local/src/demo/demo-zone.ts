import { calculateGroupIdV1 } from '@symval/groupid';

/**
 * The demo zone: `test.`, the top-level domain RFC 6761 reserves for testing. No public
 * resolver answers for it, so serving it locally shadows nothing real; every other name still
 * resolves as without `--demo`.
 */
export const DEMO_ZONE = 'test';

/** A group of the demo: who owns it, its symmetry and its hostnames, and its group ID. */
export interface DemoGroup {
  owner: string;
  /** The type's name, as the API and the join page's select take it. */
  type: 'palindrome' | 'singlemirrornames' | 'doublepalindrome';
  /** The type's code (the join page's select values, group IDs). */
  code: 'a' | 'g' | 'f';
  /** How the join page labels the type. */
  label: string;
  hostnames: readonly string[];
  /** `calculateGroupIdV1(owner, code, hostnames)`: the TXT value at `_suns.<hostname>`. */
  groupId: string;
}

function group(owner: string, type: DemoGroup['type'], hostnames: readonly string[]): DemoGroup {
  const [code, label] = (
    {
      palindrome: ['a', 'Palindrome'],
      singlemirrornames: ['g', 'Single mirror names'],
      doublepalindrome: ['f', 'Double palindrome'],
    } as const
  )[type];
  return {
    owner,
    type,
    code,
    label,
    hostnames,
    groupId: calculateGroupIdV1(owner, code, hostnames),
  };
}

/** The members the demo attests at start, so the members page has something to show. */
export const DEMO_MEMBERS: readonly DemoGroup[] = [
  group('https://alice.example', 'palindrome', ['tset.level.test']),
  group('https://bob.example', 'singlemirrornames', ['test.symval.test']),
  group('https://carol.example', 'doublepalindrome', ['tset.ab.test', 'tset.ba.test']),
];

/**
 * Groups whose TXT records are published but which are not attested: one to attest with the
 * printed `curl`, one through the join page.
 */
export const DEMO_EXAMPLES = {
  curl: group('https://you.example', 'palindrome', ['tset.racecar.test']),
  joinPage: group('https://you.example', 'palindrome', ['tset.deified.test']),
} as const;

/** The demo zone's TXT records: `_suns.<hostname>` to the group IDs it holds. */
export function demoTxtRecords(): Record<string, string[]> {
  const records: Record<string, string[]> = {};
  for (const { hostnames, groupId } of [...DEMO_MEMBERS, ...Object.values(DEMO_EXAMPLES)]) {
    for (const hostname of hostnames) {
      const name = `_suns.${hostname}`;
      records[name] = [...(records[name] ?? []), groupId];
    }
  }
  return records;
}
