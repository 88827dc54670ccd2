import { describe, expect, it } from 'vitest';
import { infoSystemAccessLogger } from './system-access-log.js';

const event = (system: string, operation: 'scanAll' | 'put') => ({
  table: 'domain-records',
  tableName: 'symval-domains',
  operation,
  system,
});

describe('infoSystemAccessLogger', () => {
  it('writes one INFO line the first time each job makes each kind of operation', () => {
    const lines: string[] = [];
    const log = infoSystemAccessLogger((line) => lines.push(line));
    log(event('rebuild', 'scanAll'));
    log(event('rebuild', 'scanAll'));
    log(event('rebuild', 'put'));
    log(event('cli', 'scanAll'));
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { level: 'INFO', message: 'dynamite-orm system access', ...event('rebuild', 'scanAll') },
      { level: 'INFO', message: 'dynamite-orm system access', ...event('rebuild', 'put') },
      { level: 'INFO', message: 'dynamite-orm system access', ...event('cli', 'scanAll') },
    ]);
  });
});
