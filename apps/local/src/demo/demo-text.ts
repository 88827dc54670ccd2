import { DEMO_EXAMPLES, DEMO_MEMBERS, DEMO_ZONE, type DemoGroup } from './demo-zone.js';
import type { DemoDns } from './start-demo.js';

/** The API's and the site's URLs, as the stack prints them. */
export interface DemoUrls {
  /** `http://127.0.0.1:8787/api/v1` */
  api: string;
  /** `http://127.0.0.1:8788/` */
  site: string;
}

function members(group: DemoGroup): string {
  return `${group.hostnames.join(' + ')} (${group.label}, ${group.owner})`;
}

/** The `curl` that attests `group` through the API; copied as it is into a POSIX shell. */
export function curlCommand(api: string, group: DemoGroup): string {
  const body = JSON.stringify({ owner: group.owner, type: group.type, domains: group.hostnames });
  return `curl -s -X POST ${api}/attest -H 'Content-Type: application/json' -d '${body}'`;
}

/**
 * What `--demo` prints before `ready`: where the demo zone is served from, the seeded
 * members, a `curl` to copy (on a line of its own, without a prefix) and the join page's
 * values, both for groups whose TXT records are in the zone but which are not members yet.
 */
export function demoLines(dns: DemoDns, urls: DemoUrls): string[] {
  const skipped = dns.skipped.length > 0 ? ` (${dns.skipped.join('; ')})` : '';
  const { curl, joinPage } = DEMO_EXAMPLES;
  return [
    `[demo]     zone ${DEMO_ZONE}. served by ${dns.authority.name} on ${dns.authority.address}${skipped}; other names by ${dns.upstream}; the handlers ask ${dns.address}`,
    `[demo]     members: ${DEMO_MEMBERS.map(members).join(', ')}`,
    `[demo]     attest a new group: ${curl.hostnames.join(' + ')} (its _suns TXT record is in the demo zone), from a shell:`,
    curlCommand(urls.api, curl),
    `[demo]     or another one on the join page ${urls.site}join/ with`,
    `[demo]       Owner      ${joinPage.owner}`,
    `[demo]       Symmetry   ${joinPage.label}`,
    `[demo]       Hostnames  ${joinPage.hostnames.join(' ')}`,
    `[demo]     then see them on the members page ${urls.site}`,
  ];
}
