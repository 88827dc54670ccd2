import { LOCAL_BUCKET, LOCAL_TABLE } from '../stack/environment.js';

/** Where the running stack answers, as the CLI needs it. */
export interface CliEndpoints {
  invoke: string;
  dynamodb: string;
  s3: string;
  /** The demo's DNS server, when `--demo` runs. */
  dns?: string;
}

// The credentials a shell may hold that the pasted line changes or, for a profile or session
// token, must remove (the SDK prefers AWS_PROFILE over keys in the environment).
const CREDENTIAL_VARIABLES = [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
] as const;
const REMOVED = new Set(['AWS_PROFILE', 'AWS_SESSION_TOKEN']);

/**
 * The shell line `pnpm dev` prints for the `symval` CLI and the note under it. The line sets
 * s3rver's local keys, not AWS ones, so the note says what it replaces in the shell it is
 * pasted into: the credentials set where `pnpm dev` runs by name (a profile with its value,
 * never a key's value), or, when none are, that it replaces any there. A profile or a session
 * token there is unset, or the SDK would sign with them instead.
 */
export function cliEnvironmentLines(
  endpoints: CliEndpoints,
  env: Readonly<Record<string, string | undefined>>,
): { command: string; note: string } {
  const present = CREDENTIAL_VARIABLES.filter((name) => (env[name] ?? '') !== '');
  const unset = present.filter((name) => REMOVED.has(name));
  const assignments = [
    `AWS_ENDPOINT_URL_LAMBDA=${endpoints.invoke}`,
    `AWS_ENDPOINT_URL_DYNAMODB=${endpoints.dynamodb}`,
    `AWS_ENDPOINT_URL_S3=${endpoints.s3}`,
    'AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER',
    `DOMAIN_TABLE_NAME=${LOCAL_TABLE} SNAPSHOT_BUCKET=${LOCAL_BUCKET}`,
    ...(endpoints.dns ? [`DNS_SERVERS=${endpoints.dns}`] : []),
  ].join(' ');
  const command = `${unset.length > 0 ? `unset ${unset.join(' ')}; ` : ''}export ${assignments}`;
  const named = present.map((name) =>
    name === 'AWS_PROFILE' || name.endsWith('REGION') ? `${name}=${env[name]}` : name,
  );
  const note =
    named.length > 0
      ? `local keys (S3RVER), not AWS ones: in the shell you paste this into they replace your ${named.join(', ')}; paste it into a new shell`
      : 'local keys (S3RVER), not AWS ones: they replace any AWS credentials and region of the shell you paste this into; paste it into a new shell';
  return { command, note };
}
