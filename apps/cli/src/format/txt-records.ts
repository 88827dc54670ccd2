/** A TXT record to create: `_suns.<hostname>` carrying a group ID. */
export interface TxtRecord {
  name: string;
  type: 'TXT';
  value: string;
}

/** The claim record for `hostname` in the group `groupId`. */
export function claimRecord(hostname: string, groupId: string): TxtRecord {
  return { name: `_suns.${hostname}`, type: 'TXT', value: groupId };
}

/** `_suns.zq.suns.bz TXT "v1:b:…"`, as most DNS consoles and zone files take it. */
export function formatTxtRecord(record: TxtRecord): string {
  return `${record.name} TXT "${record.value}"`;
}
