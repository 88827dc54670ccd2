import { siteNames } from '../domain/names.js';
import { readStageDeployEnvironment } from '../stage/deploy-env.js';
import { stageSettings } from '../stage/settings.js';
import { type AccountClients, readAccountFacts } from './account.js';
import {
  type CheckResult,
  checkConcurrency,
  checkHostedZone,
  checkPublicAccessBlock,
} from './checks.js';

/** What the preflight found. */
export interface PreflightResult {
  stage: string;
  account: string;
  caller: string;
  checks: CheckResult[];
  /** Whether every check passed: the first deploy can go ahead. */
  ok: boolean;
}

/**
 * Checks that the account the clients reach can take a first deploy of `stage`: enough
 * unreserved Lambda concurrency for the two reservations, no account-wide Block Public
 * Access in the way of the public snapshot, and the stage's names in a Route 53 zone of the
 * account. Reads only. The stage's settings are validated first, as a deploy would
 * (`SYMVAL_ALARM_EMAIL` is required for production; its names are pinned in code).
 *
 * @example
 * const result = await runPreflight({ stage: 'production', env: process.env, clients });
 * if (!result.ok) process.exitCode = 1;
 */
export async function runPreflight(options: {
  stage: string;
  env: Record<string, string | undefined>;
  clients: AccountClients;
}): Promise<PreflightResult> {
  const settings = stageSettings(options.stage);
  const deploy = readStageDeployEnvironment(settings.stage, options.env);
  const facts = await readAccountFacts(options.clients, deploy.zone ?? deploy.domain);
  const checks = [
    checkConcurrency(facts.concurrency),
    checkPublicAccessBlock(facts.publicAccessBlock),
    checkHostedZone({ names: siteNames(deploy), zone: deploy.zone }, facts.zones),
  ];
  return {
    stage: settings.stage,
    account: facts.account,
    caller: facts.caller,
    checks,
    ok: checks.every((check) => check.ok),
  };
}

/** The result as lines for a person. */
export function formatPreflight(result: PreflightResult): string {
  const lines = [
    `preflight for stage ${result.stage} in account ${result.account} (${result.caller})`,
  ];
  for (const check of result.checks) {
    lines.push(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
    if (check.fix) lines.push(`     fix: ${check.fix}`);
  }
  lines.push(result.ok ? 'ready for a first deploy' : 'not ready: fix the checks marked FAIL');
  return lines.join('\n');
}
