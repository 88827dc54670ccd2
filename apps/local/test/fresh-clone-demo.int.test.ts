// The "done when" test, as a newcomer would do it: clone the repository into an empty
// folder, install from the store (offline), run `pnpm dev -- --demo`, paste the `curl` it
// prints into a shell, type the join-page values it prints into the join page in Chromium,
// and find both groups on the members page. It clones the committed HEAD: uncommitted
// changes are not in a fresh clone either.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { calculateGroupIdV1 } from '@symval/groupid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { cleanEnv } from './support/dev-process.js';
import { processTree, stillThere } from './support/processes.js';

const repository = fileURLToPath(new URL('../../..', import.meta.url));

interface Run {
  code: number | string;
  output: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number | string }).code ?? 'failed') : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Reads until `done` holds (a stuck wait is ended by the test's hang guard). */
async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function after(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`${pattern} not found in the output:\n${text}`);
  return match[1];
}

async function snapshotHostnames(site: string): Promise<string[]> {
  const response = await fetch(`${site}records/domains.json`);
  if (response.status !== 200) return [];
  return ((await response.json()) as Array<{ Hostname: string }>).map((r) => r.Hostname).sort();
}

describe('a fresh clone', () => {
  let folder: string;
  let clone: string;
  let env: NodeJS.ProcessEnv;
  let dev: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'symval-fresh-clone-'));
    clone = path.join(folder, 'symval');
    env = cleanEnv({});
    const cloned = await run('git', ['clone', '--quiet', repository, clone], folder, env);
    expect(cloned).toEqual({ code: 0, output: '' });
  });

  afterAll(async () => {
    if (dev && dev.exitCode === null && dev.signalCode === null) {
      process.kill(-dev.pid!, 'SIGKILL');
      await new Promise((resolve) => dev!.once('exit', resolve));
    }
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('installs from the store without a warning, linking every bin', async () => {
    const install = await run('pnpm', ['install', '--offline', '--frozen-lockfile'], clone, env);
    expect(install.code, install.output).toBe(0);
    expect(install.output).not.toMatch(/\bWARN\b/);
    // dynamite's command is linked before anything is built, and says so when run.
    const dynamite = path.join(clone, 'packages/records/node_modules/.bin/dynamite');
    expect(existsSync(dynamite)).toBe(true);
    const unbuilt = await run(dynamite, ['--help'], clone, env);
    expect(unbuilt).toEqual({
      code: 1,
      output:
        'dynamite: the package is not built yet (no dist/bin/dynamite.js); run `pnpm --filter @symval/dynamite-orm build` first\n',
    });
    // So is the root's `symval`, which `pnpm dev` builds (below).
    const symval = path.join(clone, 'node_modules/.bin/symval');
    expect(existsSync(symval)).toBe(true);
    const cli = await run(symval, ['--version'], clone, env);
    expect(cli.code).toBe(2);
    expect(cli.output).toContain('symval: this copy of the CLI is not built yet');
  });

  it('answers pnpm dev -- --help without building anything', async () => {
    const help = await run('pnpm', ['--silent', 'dev', '--', '--help'], clone, env);
    expect(help.code).toBe(0);
    expect(help.output).toContain('--demo');
    expect(existsSync(path.join(clone, 'node_modules/.cache/symval-local'))).toBe(false);
    expect(await readFile(path.join(clone, 'README.md'), 'utf8')).toContain('pnpm dev -- --demo');
  });

  it('runs pnpm dev -- --demo, and what it prints attests through the API and the join page', async () => {
    const started = Date.now();
    dev = spawn('pnpm', ['dev', '--', '--demo', '--port', '0'], {
      cwd: clone,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dev.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    dev.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | string>((resolve) =>
      dev!.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
    );
    let ended = false;
    void exited.then(() => {
      ended = true;
    });
    await waitFor(
      () => output,
      (text) => ended || /^\[local\]\s+ready in /m.test(text),
    );
    expect(output).toMatch(/^\[local\]\s+ready in /m);
    console.log(
      `fresh clone: pnpm dev -- --demo ${after(output, /^\[local\]\s+(ready in .*?);/m)}, ${((Date.now() - started) / 1000).toFixed(1)} s from the spawn of pnpm`,
    );
    expect(output).toContain('[local]    building the stack (esbuild) and the site (Vite)');
    expect(output).toMatch(/^\[demo\]\s+zone test\. served by /m);

    // The curl, pasted into a shell as printed.
    const curl = after(output, /^(curl -s -X POST .*)$/m);
    const pasted = await run('sh', ['-c', curl], clone, env);
    expect(pasted.code).toBe(0);
    const answer = JSON.parse(pasted.output) as { isValid: boolean; hostnames: string[] };
    expect(answer).toMatchObject({ isValid: true, hostnames: ['tset.racecar.test'] });

    // The join page, filled in with the printed values.
    const joinUrl = after(output, /^\[demo\]\s+or another one on the join page (\S+) with$/m);
    const owner = after(output, /^\[demo\]\s+Owner\s+(\S+)$/m);
    const symmetry = after(output, /^\[demo\]\s+Symmetry\s+(.+)$/m);
    const hostname = after(output, /^\[demo\]\s+Hostnames\s+(\S+)$/m);
    const site = after(output, /^\[local\]\s+site\s+(\S+)$/m);
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(joinUrl);
      await page.fill('#owner', owner);
      // The option a person picks: the one that starts with the printed name.
      const options = await page.$$eval('#type option', (nodes) =>
        nodes.map((node) => ({
          value: node.getAttribute('value') ?? '',
          label: node.textContent ?? '',
        })),
      );
      const choice = options.find((option) => option.label.startsWith(`${symmetry} (`));
      expect(choice, JSON.stringify(options)).toBeDefined();
      await page.selectOption('#type', choice!.value);
      await page.fill('#domains', hostname);
      const code = await page.inputValue('#type');
      expect(await page.textContent('#group-id')).toBe(calculateGroupIdV1(owner, code, [hostname]));
      await page.click('#submit');
      await page.waitForSelector('#api-result h3');
      expect(await page.textContent('#api-result h3')).toBe('Valid: your group is attested.');

      // Both new groups, and the seeded members, on the members page.
      const seeded = ['test.symval.test', 'tset.ab.test', 'tset.ba.test', 'tset.level.test'];
      const everyone = [...seeded, 'tset.deified.test', 'tset.racecar.test'].sort();
      await waitFor(
        () => snapshotHostnames(site),
        (names) => everyone.every((name) => names.includes(name)),
      );
      await page.goto(site);
      await page.waitForSelector('ul.hostnames bdi');
      const shown = await page.$$eval('ul.hostnames bdi', (nodes) =>
        nodes.map((node) => node.textContent ?? '').sort(),
      );
      expect(shown).toEqual(everyone);
    } finally {
      await browser.close();
    }

    // The root's symval bin now runs the CLI pnpm dev built from the same sources.
    const symval = await run(
      path.join(clone, 'node_modules/.bin/symval'),
      ['groupid', '--json', '--owner', owner, '--type', 'a', 'tset.racecar.test'],
      clone,
      env,
    );
    expect(symval.code, symval.output).toBe(0);
    expect(JSON.parse(symval.output).groupId).toBe(
      calculateGroupIdV1(owner, 'a', ['tset.racecar.test']),
    );

    // Ctrl-C: everything it started goes.
    const tree = processTree(dev.pid!);
    expect(tree.map((info) => info.name)).toEqual(expect.arrayContaining(['java']));
    process.kill(-dev.pid!, 'SIGINT');
    // pnpm itself leaves by the signal, as a shell job does (its script's exit code is
    // checked in dev.int.test.ts); what matters here is that the stack stops in order.
    expect([0, 'SIGINT']).toContain(await exited);
    expect(
      await waitFor(
        () => output,
        (text) => /^\[local\]\s+stopped$/m.test(text),
      ),
    ).toMatch(/^\[local\]\s+SIGINT: stopping$/m);
    expect(
      await waitFor(
        () => stillThere(tree.map((info) => info.pid)),
        (left) => left.length === 0,
      ),
    ).toEqual([]);
    expect(output).not.toMatch(/^\s+at /m);
  });
});
