import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_TARGETS } from '../src/index.js';
import { PLATFORM_DIR, REPO_ROOT } from './sst/paths.js';

// No YAML parser is a dependency of infra; Pulumi's SDK, in SST's platform, brings js-yaml.
const yaml = createRequire(path.join(PLATFORM_DIR, 'package.json'))('js-yaml') as {
  load(text: string): unknown;
};

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  'working-directory'?: string;
}

interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}

interface Workflow {
  on: {
    push: { branches: string[] };
    workflow_dispatch: { inputs: { target: { options: string[]; default: string } } };
  };
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const workflow = yaml.load(
  readFileSync(path.join(REPO_ROOT, '.github/workflows/deploy.yml'), 'utf8'),
) as Workflow;
const deploy = workflow.jobs.deploy!;
/** A GitHub Actions expression, as written in the workflow: `${{ <text> }}`. */
const expression = (text: string) => `\${{ ${text} }}`;

describe('the deploy workflow', () => {
  it('runs on the main branch, and by hand for one app or all', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.workflow_dispatch.inputs.target).toMatchObject({
      default: 'all',
      options: ['all', ...APP_TARGETS],
    });
    expect(deploy.if).toBe("github.ref == 'refs/heads/main'");
  });

  it('deploys only after the tests, which are the repository’s CI entry', () => {
    expect(deploy.needs).toBe('test');
    expect(workflow.jobs.test!.steps.map((step) => step.run).filter(Boolean)).toEqual([
      'bash .ci/run',
    ]);
  });

  it('assumes the deploy role with an OpenID Connect token, storing no keys', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(deploy.environment).toBe('production');
    const credentials = deploy.steps.find((s) =>
      s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
    );
    expect(credentials?.with).toMatchObject({
      'role-to-assume': expression('vars.SYMVAL_DEPLOY_ROLE_ARN'),
      'aws-region': expression('env.AWS_REGION'),
    });
    expect(JSON.stringify(workflow)).not.toMatch(
      /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\./,
    );
  });

  it('runs sst deploy --stage production from infra/, after building the workspace once', () => {
    const step = deploy.steps.find((s) => s.run?.includes('sst:deploy'));
    expect(step?.['working-directory']).toBe('infra');
    expect(step?.run).toContain('pnpm sst:deploy --stage production\n');
    expect(step?.run).toContain('pnpm sst:deploy --stage production --target "$TARGET"');
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'infra/package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['sst:deploy']).toBe('pnpm --dir .. run build && sst deploy');
    const install = deploy.steps.findIndex((s) => s.run === 'pnpm install --frozen-lockfile');
    expect(install).toBeGreaterThan(-1);
    expect(install).toBeLessThan(deploy.steps.indexOf(step!));
  });

  it('gives production its alarm address and region; the rest is pinned in code', () => {
    expect(deploy.env).toMatchObject({
      AWS_REGION: 'us-east-2',
      SYMVAL_ALARM_EMAIL: expression('vars.SYMVAL_ALARM_EMAIL'),
    });
    for (const pinned of ['SYMVAL_DOMAIN', 'SYMVAL_DOMAIN_ALIASES', 'SYMVAL_ZONE', 'SYMVAL_CLUB']) {
      expect(Object.keys(deploy.env ?? {}).some((key) => key.startsWith(pinned))).toBe(false);
    }
  });

  it('never runs two production deploys at once, nor cancels one halfway', () => {
    expect(workflow.concurrency).toEqual({
      group: 'deploy-production',
      'cancel-in-progress': false,
    });
  });
});

describe('the deploy role’s manual setup', () => {
  const manual = (file: string) =>
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'infra/manual', file), 'utf8')) as {
      Statement: { Effect: string; Action: string | string[]; Condition?: unknown }[];
    };

  it('trusts only this repository’s production environment, through GitHub’s OIDC', () => {
    const [statement] = manual('trust-policy.json').Statement;
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:OWNER/REPOSITORY:environment:production',
        },
      },
    });
  });

  it('lets a deploy change the zone’s records but never create or delete a zone', () => {
    const statements = manual('deploy-policy.json').Statement;
    const denied = statements.filter((s) => s.Effect === 'Deny').flatMap((s) => s.Action);
    expect(denied).toEqual(['route53:CreateHostedZone', 'route53:DeleteHostedZone']);
    const allowed = statements.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action);
    expect(allowed).toContain('route53:ChangeResourceRecordSets');
    expect(allowed).not.toContain('route53:*');
  });
});
