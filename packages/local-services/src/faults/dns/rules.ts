import { FaultError, rejectUnknownKeys } from '../errors.js';
import { globToRegExp } from '../glob.js';
import { type CompiledRule, compileTiming, TIMING_KEYS } from '../schedule.js';
import { DNS_TYPE_NAMES } from './packet.js';
import type { DnsFault, DnsFaultRule, DnsQueryMatch } from './types.js';

/** A query as the DNS rules see it. */
export interface DnsQueryInfo {
  kind: string;
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
  resource: string;
}

const FAULT_KEYS: Record<DnsFault['type'], readonly string[]> = {
  servfail: ['type', 'delayMs'],
  silence: ['type'],
  truncate: ['type', 'delayMs'],
  close: ['type', 'delayMs'],
  latency: ['type', 'ms'],
};

type Matcher = (query: DnsQueryInfo) => boolean;

function invalid(where: string, message: string): FaultError {
  return new FaultError('faults.invalid-rule', `${where}${message}`);
}

function isTypeName(token: string): boolean {
  return DNS_TYPE_NAMES.includes(token) || /^TYPE\d+$/.test(token);
}

function compileMatch(match: string | DnsQueryMatch, where: string): Matcher {
  if (typeof match === 'string') {
    const parts = match.trim().split(/\s+/);
    if (parts.length > 2) throw invalid(where, `: '${match}' has more than two parts`);
    if (parts.length === 2) return compileMatch({ type: parts[0], name: parts[1] }, where);
    const [only = '*'] = parts;
    return compileMatch(isTypeName(only) ? { type: only } : { name: only }, where);
  }
  if (typeof match !== 'object' || match === null) {
    throw invalid(where, ': give a string or { name, type, transport }');
  }
  rejectUnknownKeys(match, ['name', 'type', 'transport'], where, 'faults.invalid-rule');
  const tests: Matcher[] = [];
  if (match.name !== undefined) {
    const re = globToRegExp(match.name.toLowerCase().replace(/\.$/, ''));
    tests.push((query) => re.test(query.name));
  }
  if (match.type !== undefined) {
    const type = match.type.toUpperCase();
    if (type !== '*' && !isTypeName(type)) {
      throw invalid(
        where,
        `.type: '${match.type}' is not a record type (${DNS_TYPE_NAMES.join(', ')} or TYPE<n>)`,
      );
    }
    tests.push((query) => type === '*' || query.type === type);
  }
  if (match.transport !== undefined) {
    if (match.transport !== 'udp' && match.transport !== 'tcp') {
      throw invalid(where, `.transport: '${String(match.transport)}' is not udp or tcp`);
    }
    const transport = match.transport;
    tests.push((query) => query.transport === transport);
  }
  return (query) => tests.every((test) => test(query));
}

function checkFault(fault: DnsFault, where: string): void {
  if (typeof fault !== 'object' || fault === null || !(fault.type in FAULT_KEYS)) {
    throw invalid(where, `.type: give one of ${Object.keys(FAULT_KEYS).join(', ')}`);
  }
  rejectUnknownKeys(fault, FAULT_KEYS[fault.type], where, 'faults.invalid-rule');
  const ms = fault.type === 'latency' ? fault.ms : 'delayMs' in fault ? fault.delayMs : undefined;
  if (fault.type === 'latency' && ms === undefined)
    throw invalid(where, '.ms: give the added latency in milliseconds');
  if (ms !== undefined && (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms))) {
    throw invalid(where, `: ${String(ms)} is not a number of milliseconds (0 or more)`);
  }
}

/** Checks DNS fault rules and compiles them for the schedule; throws `faults.invalid-rule`. */
export function compileDnsRules(
  rules: readonly DnsFaultRule[],
): CompiledRule<DnsQueryInfo, DnsFault>[] {
  if (!Array.isArray(rules)) throw invalid('rules', ': give an array of rules');
  return rules.map((rule, index) => {
    const where = `rules[${index}]`;
    if (typeof rule !== 'object' || rule === null) throw invalid(where, ': give a rule object');
    rejectUnknownKeys(rule, ['match', 'fault', ...TIMING_KEYS], where, 'faults.invalid-rule');
    const patterns: ReadonlyArray<string | DnsQueryMatch> =
      rule.match === undefined
        ? ['*']
        : Array.isArray(rule.match)
          ? rule.match
          : [rule.match as string | DnsQueryMatch];
    const matchers = patterns.map((pattern, i) =>
      compileMatch(pattern, Array.isArray(rule.match) ? `${where}.match[${i}]` : `${where}.match`),
    );
    checkFault(rule.fault, `${where}.fault`);
    // A fault that only exists on one transport only sees (and counts) that transport.
    const only =
      rule.fault.type === 'truncate' ? 'udp' : rule.fault.type === 'close' ? 'tcp' : undefined;
    return {
      matches: (query) =>
        (only === undefined || query.transport === only) && matchers.some((m) => m(query)),
      fault: rule.fault,
      label: rule.fault.type,
      ...compileTiming(rule, where),
    };
  });
}
