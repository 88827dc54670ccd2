import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSymval } from './run-cli.js';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

describe('symval as a process', () => {
  it('prints the version from package.json', async () => {
    expect(await runSymval(['--version'])).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: '',
    });
  });

  const ALL = [
    'groupid',
    'lookup',
    'check',
    'validate',
    'attest',
    'withdraw',
    'show',
    'reattest',
    'revalidate',
    'erase-owner',
    'verify-erasure',
    'invoke',
    'smoke',
  ];

  it('lists every command, examples, the exit codes and the environment in --help', async () => {
    const result = await runSymval(['--help']);
    expect(result.code).toBe(0);
    for (const command of ALL) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    }
    // Every command of issue 9 is built: nothing is listed as coming next.
    expect(result.stdout).not.toContain('Coming next:');
    expect(result.stdout).toContain('$ symval groupid --owner https://example.blog --type a');
    expect(result.stdout).toMatch(/^ {2}3 {2}indeterminate: /m);
    expect(result.stdout).toMatch(/^ {2}DOMAIN_TABLE_NAME +\S/m);
    expect(result.stdout).toMatch(/^ {2}SYMVAL_LAMBDA_ENDPOINT +\S/m);
  });

  it("shows each command's help with its options, examples and exit codes", async () => {
    for (const command of ALL) {
      const result = await runSymval([command, '-h']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: symval ${command} `));
      expect(result.stdout).toContain('--json');
      expect(result.stdout).toContain(`$ symval ${command} `);
      expect(result.stdout).toContain('Exit codes:');
    }
  });

  it('says a command takes no operands when given one', async () => {
    const result = await runSymval(['show', 'https://me.example']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`'show' takes no operands, received "https://me.example"`);
  });

  it('rejects an unknown option with exit code 2, naming it and the valid ones', async () => {
    const result = await runSymval([
      'attest',
      '--owner',
      'o',
      '--type',
      'a',
      '--stroe',
      'x.example',
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "symval attest: error: unknown option --stroe for 'attest' (did you mean --store?)\n" +
        "'attest' takes: --owner <url>, --type <name|code>, --dns-server <host:port>, --timeout <ms>, --store, --table <name>, -f, --file <path>, --json, -h, --help, --debug. Run 'symval attest --help' for its options and examples.\n",
    );
  });

  it('suggests the nearest command for a typo', async () => {
    const result = await runSymval(['atest']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^symval: error: unknown command 'atest' \(did you mean 'attest'\?\)\n/,
    );
  });

  it('prints the help on stderr with exit code 2 when given nothing', async () => {
    const result = await runSymval([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: symval <command> [options]');
  });
});
