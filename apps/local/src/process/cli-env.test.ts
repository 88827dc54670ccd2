import { describe, expect, it } from 'vitest';
import { cliEnvironmentLines } from './cli-env.js';

const endpoints = {
  invoke: 'http://127.0.0.1:8790',
  dynamodb: 'http://127.0.0.1:8791',
  s3: 'http://127.0.0.1:8789',
};

describe('cliEnvironmentLines', () => {
  it('names the real credentials it replaces, a profile with its name, never a key', () => {
    const { command, note } = cliEnvironmentLines(endpoints, {
      AWS_PROFILE: 'prod',
      AWS_ACCESS_KEY_ID: 'AKIAREALKEY',
      AWS_SECRET_ACCESS_KEY: 'real-secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_REGION: 'eu-west-1',
    });
    expect(command).toBe(
      'unset AWS_PROFILE AWS_SESSION_TOKEN; export AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:8790 AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8791 AWS_ENDPOINT_URL_S3=http://127.0.0.1:8789 AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER DOMAIN_TABLE_NAME=symval-local-domains SNAPSHOT_BUCKET=symval-local',
    );
    expect(note).toBe(
      'local keys (S3RVER), not AWS ones: in the shell you paste this into they replace your AWS_PROFILE=prod, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION=eu-west-1; paste it into a new shell',
    );
    expect(`${command} ${note}`).not.toMatch(/AKIAREALKEY|real-secret|token;/);
  });

  it('says what it would replace when the shell has no credentials, and adds the demo DNS', () => {
    const { command, note } = cliEnvironmentLines({ ...endpoints, dns: '127.0.0.1:5353' }, {});
    expect(command.startsWith('export AWS_ENDPOINT_URL_LAMBDA=')).toBe(true);
    expect(command.endsWith(' DNS_SERVERS=127.0.0.1:5353')).toBe(true);
    expect(note).toBe(
      'local keys (S3RVER), not AWS ones: they replace any AWS credentials and region of the shell you paste this into; paste it into a new shell',
    );
  });
});
