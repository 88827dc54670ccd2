// Reads the facts the preflight checks from the account, with read-only calls only:
// sts:GetCallerIdentity, lambda:GetAccountSettings, s3:GetAccountPublicAccessBlock
// (S3 Control's GetPublicAccessBlock) and route53:ListHostedZonesByName.
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListHostedZonesByNameCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { ConcurrencyFacts, HostedZoneFacts, PublicAccessBlockFacts } from './checks.js';

/** Everything the checks look at. */
export interface AccountFacts {
  account: string;
  /** Who is asking (the caller's ARN). */
  caller: string;
  concurrency: ConcurrencyFacts;
  publicAccessBlock: PublicAccessBlockFacts | undefined;
  /** The zones whose names are the domain or one of its parents. */
  zones: HostedZoneFacts[];
}

/** The clients the facts are read with (configured for the region and credentials). */
export interface AccountClients {
  sts: STSClient;
  lambda: LambdaClient;
  s3control: S3ControlClient;
  route53: Route53Client;
}

/**
 * Clients for `region` with the SDK's usual credential chain. `endpoint` (tests) sends every
 * call there instead.
 */
export function createAccountClients(options: {
  region: string;
  endpoint?: string;
}): AccountClients {
  const common = {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
  return {
    sts: new STSClient(common),
    lambda: new LambdaClient(common),
    // S3 Control's endpoint rules put the account ID in front of the host
    // (`<account>.s3-control.<region>.amazonaws.com`), of a custom endpoint too, which an IP
    // address cannot take: a custom endpoint is used as it is given.
    s3control: new S3ControlClient({
      ...common,
      ...(options.endpoint
        ? { endpointProvider: () => ({ url: new URL(options.endpoint as string) }) }
        : {}),
    }),
    route53: new Route53Client(common),
  };
}

/** Reads the facts; `domain` is the stage's (none: no zone is looked up). */
export async function readAccountFacts(
  clients: AccountClients,
  domain: string | undefined,
): Promise<AccountFacts> {
  const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
  const account = identity.Account ?? '';
  const [settings, publicAccessBlock, zones] = await Promise.all([
    clients.lambda.send(new GetAccountSettingsCommand({})),
    readPublicAccessBlock(clients.s3control, account),
    domain ? readZones(clients.route53, domain) : Promise.resolve([]),
  ]);
  return {
    account,
    caller: identity.Arn ?? '',
    concurrency: {
      limit: settings.AccountLimit?.ConcurrentExecutions ?? 0,
      unreserved: settings.AccountLimit?.UnreservedConcurrentExecutions ?? 0,
    },
    publicAccessBlock,
    zones,
  };
}

async function readPublicAccessBlock(
  client: S3ControlClient,
  account: string,
): Promise<PublicAccessBlockFacts | undefined> {
  try {
    const { PublicAccessBlockConfiguration: config } = await client.send(
      new GetPublicAccessBlockCommand({ AccountId: account }),
    );
    return {
      blockPublicAcls: config?.BlockPublicAcls ?? false,
      ignorePublicAcls: config?.IgnorePublicAcls ?? false,
      blockPublicPolicy: config?.BlockPublicPolicy ?? false,
      restrictPublicBuckets: config?.RestrictPublicBuckets ?? false,
    };
  } catch (error) {
    // An account that never set Block Public Access has no configuration at all.
    if ((error as { name?: string }).name === 'NoSuchPublicAccessBlockConfiguration') {
      return undefined;
    }
    throw error;
  }
}

/** The zones named like the domain or a parent of it (one lookup per name). */
async function readZones(client: Route53Client, domain: string): Promise<HostedZoneFacts[]> {
  const labels = domain.split('.');
  const names = labels.slice(0, -1).map((_, i) => `${labels.slice(i).join('.')}.`);
  const found = await Promise.all(
    names.map(async (name) => {
      // Zones come sorted by name from DNSName on: the first ones are those with that name.
      const page = await client.send(
        new ListHostedZonesByNameCommand({ DNSName: name, MaxItems: 10 }),
      );
      return (page.HostedZones ?? [])
        .filter((zone) => zone.Name?.toLowerCase() === name)
        .map((zone) => ({
          id: (zone.Id ?? '').replace(/^\/hostedzone\//, ''),
          name: zone.Name ?? name,
          private: zone.Config?.PrivateZone ?? false,
        }));
    }),
  );
  return found.flat();
}
