import { describe, expect, it } from 'vitest';
import { settingsProblems } from './settings.js';

describe('settingsProblems', () => {
  it('finds nothing wrong with an empty environment (the defaults)', async () => {
    expect(await settingsProblems({})).toEqual([]);
    expect(
      await settingsProblems({
        DNS_SERVERS: '127.0.0.1:5353,[::1]:53',
        ATTEST_RATE_LIMIT: '100/60',
      }),
    ).toEqual([]);
  });

  it('names the variable, the value and what is allowed, once per bad setting', async () => {
    expect(await settingsProblems({ DNS_SERVERS: 'dns.example:53' })).toEqual([
      'DNS_SERVERS is not usable: "dns.example:53" is not a DNS server address: "dns.example" is not an IP address. Use an IP address with an optional port: 127.0.0.1, 127.0.0.1:5353, ::1 or [::1]:5353',
    ]);
    expect(await settingsProblems({ ATTEST_RATE_LIMIT: 'lots' })).toEqual([
      'ATTEST_RATE_LIMIT must be "count/seconds" with count >= 1 and 1 to 86400 seconds (e.g. "10/60"), received "lots"',
    ]);
    expect(await settingsProblems({ REATTEST_CONCURRENCY: '0', LOG_LEVEL: 'loud' })).toEqual([
      'REATTEST_CONCURRENCY must be an integer from 1 to 1024, received "0"',
      'LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, SILENT, CRITICAL, received "loud"',
    ]);
  });
});
