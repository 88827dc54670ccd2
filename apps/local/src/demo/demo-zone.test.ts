import { validateSymmetry } from '@symval/attestation/validators';
import { calculateGroupIdV1 } from '@symval/groupid';
import { describe, expect, it } from 'vitest';
import { DEMO_EXAMPLES, DEMO_MEMBERS, DEMO_ZONE, demoTxtRecords } from './demo-zone.js';

const groups = [...DEMO_MEMBERS, DEMO_EXAMPLES.curl, DEMO_EXAMPLES.joinPage];

describe('the demo zone', () => {
  it('holds groups that have their symmetry, every name inside the zone', () => {
    for (const group of groups) {
      expect(validateSymmetry(group.type, group.hostnames)).toEqual({ ok: true });
      expect(validateSymmetry(group.code, group.hostnames)).toEqual({ ok: true });
      for (const name of group.hostnames) expect(name.endsWith(`.${DEMO_ZONE}`)).toBe(true);
    }
    const hostnames = groups.flatMap((group) => group.hostnames);
    expect(new Set(hostnames).size).toBe(hostnames.length);
  });

  it("publishes each group's ID at _suns.<hostname>, the examples' too", () => {
    const records = demoTxtRecords();
    for (const group of groups) {
      expect(group.groupId).toBe(calculateGroupIdV1(group.owner, group.code, group.hostnames));
      for (const name of group.hostnames) expect(records[`_suns.${name}`]).toEqual([group.groupId]);
    }
    expect(Object.keys(records)).toHaveLength(groups.flatMap((group) => group.hostnames).length);
  });
});
