import { describe, expect, it } from 'vitest';
import { normalizeHostname } from './index.js';

describe('normalizeHostname', () => {
  it.each([
    ['zq.suns.bz', 'zq.suns.bz'],
    ['ZQ.Suns.BZ', 'zq.suns.bz'],
    ['zq.suns.bz.', 'zq.suns.bz'],
    ['  me.example.com \n', 'me.example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['BÜCHER.example.', 'xn--bcher-kva.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['日本。example', 'xn--wgv71a.example'],
    ['a-b.c0.example', 'a-b.c0.example'],
    [`${'a'.repeat(63)}.example`, `${'a'.repeat(63)}.example`],
  ])('normalises %j to %j', (input, hostname) => {
    expect(normalizeHostname(input)).toEqual({ ok: true, hostname });
  });

  it.each([
    [42, 'hostname.type'],
    [null, 'hostname.type'],
    ['', 'hostname.empty'],
    ['.', 'hostname.empty'],
    ['   ', 'hostname.empty'],
    ['a..b', 'hostname.label'],
    ['.a.b', 'hostname.label'],
    ['a.b..', 'hostname.label'],
    ['-a.example', 'hostname.label'],
    ['a-.example', 'hostname.label'],
    ['under_score.example', 'hostname.label'],
    [`${'a'.repeat(64)}.example`, 'hostname.label'],
    [`${'a.'.repeat(127)}ab`, 'hostname.too-long'],
    ['x'.repeat(100_000), 'hostname.too-long'],
    ['localhost', 'hostname.single-label'],
    ['192.168.0.1', 'hostname.ip-address'],
    ['example.com:8080', 'hostname.character'],
    ['user@example.com', 'hostname.character'],
    ['example.com/path', 'hostname.character'],
    ['exa mple.com', 'hostname.character'],
    ['<script>.example', 'hostname.character'],
    ['a%2e.example', 'hostname.character'],
    ['ex\u0000ample.com', 'hostname.character'],
    ['xn--zz.example', 'hostname.idna'],
  ])('rejects %j with %s', (input, code) => {
    const result = normalizeHostname(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message.length).toBeGreaterThan(10);
    }
  });
});
