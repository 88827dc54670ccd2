#!/usr/bin/env node
// Installs SST's platform into infra/.sst/platform (SST's component source, config.d.ts and
// their npm dependencies, @pulumi/aws among them) without Pulumi's binaries, which cannot be
// downloaded here. The typecheck and the tests read it. Quick when it is already there: the
// install is skipped while the platform matches the sst package's version and its
// dependencies are in place.
//
// Usage: node scripts/sst-install.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const infraDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const platformDir = path.join(infraDir, '.sst', 'platform');
const lockFile = path.join(infraDir, '.sst', 'install.lock');

function fail(message) {
  console.error(`sst-install: ${message}`);
  process.exit(1);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Why the platform needs installing, or undefined when it is complete. */
function staleReason() {
  const wanted = readJson(path.join(infraDir, 'node_modules', 'sst', 'package.json')).version;
  const versionFile = path.join(platformDir, 'version');
  if (!existsSync(versionFile)) return 'no platform installed';
  const installed = readFileSync(versionFile, 'utf8').trim();
  if (installed !== wanted) return `platform ${installed} installed, sst is ${wanted}`;
  if (!existsSync(path.join(platformDir, 'config.d.ts'))) return 'config.d.ts missing';
  const dependencies = readJson(path.join(platformDir, 'package.json')).dependencies ?? {};
  for (const name of ['@pulumi/pulumi', '@pulumi/aws']) {
    const manifest = path.join(platformDir, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) return `${name} missing`;
    const version = readJson(manifest).version;
    if (version !== String(dependencies[name]).replace(/^v/, '')) {
      return `${name} ${version} installed, the platform wants ${dependencies[name]}`;
    }
  }
  return undefined;
}

/** Waits until no other install holds the lock, then takes it. */
async function lock() {
  mkdirSync(path.dirname(lockFile), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (!isAlive(holder)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    console.log(`sst-install: waiting for the install of process ${holder}`);
    await new Promise((resolve) => {
      const watcher = watch(path.dirname(lockFile), () => {
        if (!existsSync(lockFile) || !isAlive(holder)) {
          watcher.close();
          resolve();
        }
      });
      // The lock may have gone between the check and the watch.
      if (!existsSync(lockFile)) {
        watcher.close();
        resolve();
      }
    });
  }
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const force = process.argv.includes('--force');
let reason = force ? '--force' : staleReason();
if (reason === undefined) process.exit(0);

await lock();
try {
  // Another process may have installed it while this one waited.
  reason = force ? '--force' : staleReason();
  if (reason !== undefined) {
    console.log(`sst-install: installing SST's platform (${reason})`);
    // `sst install` bundles sst.config.ts, which imports workspace packages through their
    // built entries (dist/): on a fresh clone those are built first.
    const turbo = path.join(infraDir, '..', 'node_modules', '.bin', 'turbo');
    const built = spawnSync(
      turbo,
      ['run', 'build', '--filter=@symval/infra^...', '--output-logs=errors-only'],
      { cwd: path.join(infraDir, '..'), stdio: 'inherit' },
    );
    if (built.status !== 0)
      fail(`building infra's dependencies exited with ${built.status ?? built.signal}`);
    const sst = path.join(infraDir, 'node_modules', '.bin', 'sst');
    const result = spawnSync(sst, ['install'], {
      cwd: infraDir,
      stdio: 'inherit',
      env: {
        ...process.env,
        // No Pulumi or Bun download (neither can be fetched here); npm installs the platform.
        SST_SKIP_DEPENDENCY_CHECK: '1',
        SST_NO_BUN: '1',
        SST_TELEMETRY_DISABLED: '1',
        // `sst install` evaluates app() for a stage; any stage gives the same platform.
        SST_STAGE: process.env.SST_STAGE ?? 'dev',
      },
    });
    if (result.status !== 0) fail(`sst install exited with ${result.status ?? result.signal}`);
    const after = staleReason();
    if (after !== undefined) fail(`sst install finished but the platform is incomplete: ${after}`);
  }
} finally {
  rmSync(lockFile, { force: true });
}
