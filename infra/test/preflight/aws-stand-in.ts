// A local stand-in for the four AWS APIs the preflight reads, speaking their wire protocols
// (STS query/XML, Lambda REST/JSON, S3 Control REST/XML, Route 53 REST/XML) so that the real
// SDK clients talk to it. The account it describes is set by the test; every request is
// recorded, so a test can show that the preflight only reads.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The account the stand-in answers for. */
export interface StandInAccount {
  account: string;
  concurrency: { limit: number; unreserved: number };
  /** Account-wide Block Public Access; undefined: never configured. */
  publicAccessBlock?: {
    BlockPublicAcls: boolean;
    IgnorePublicAcls: boolean;
    BlockPublicPolicy: boolean;
    RestrictPublicBuckets: boolean;
  };
  zones: { id: string; name: string; private: boolean }[];
}

/** One request the stand-in received. */
export interface StandInRequest {
  method: string;
  path: string;
  /** STS's `Action`, Lambda's, S3 Control's or Route 53's operation as the stand-in read it. */
  operation: string;
}

/** Starts the stand-in on a free loopback port. */
export async function startAwsStandIn(account: StandInAccount): Promise<{
  endpoint: string;
  requests: StandInRequest[];
  stop: () => Promise<void>;
}> {
  const requests: StandInRequest[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const operation = operationOf(request, url, body);
      requests.push({ method: request.method ?? '', path: url.pathname, operation });
      answer(operation, account, url, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function operationOf(request: IncomingMessage, url: URL, body: string): string {
  if (request.method === 'POST' && url.pathname === '/') {
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string') return `sts:${target.split('.').pop()}`;
    return `sts:${new URLSearchParams(body).get('Action')}`;
  }
  if (request.method === 'GET' && url.pathname === '/2016-08-19/account-settings') {
    return 'lambda:GetAccountSettings';
  }
  if (request.method === 'GET' && url.pathname === '/v20180820/configuration/publicAccessBlock') {
    return 's3control:GetPublicAccessBlock';
  }
  if (request.method === 'GET' && url.pathname === '/2013-04-01/hostedzonesbyname') {
    return 'route53:ListHostedZonesByName';
  }
  return `unknown:${request.method} ${url.pathname}`;
}

const xml = (response: ServerResponse, status: number, text: string) => {
  response.writeHead(status, { 'content-type': 'text/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${text}`);
};

function answer(operation: string, account: StandInAccount, url: URL, response: ServerResponse) {
  switch (operation) {
    case 'sts:GetCallerIdentity':
      return xml(
        response,
        200,
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${account.account}:user/operator</Arn><UserId>AIDAOPERATOR</UserId><Account>${account.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    case 'lambda:GetAccountSettings':
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(
        JSON.stringify({
          AccountLimit: {
            ConcurrentExecutions: account.concurrency.limit,
            UnreservedConcurrentExecutions: account.concurrency.unreserved,
            CodeSizeUnzipped: 262144000,
            CodeSizeZipped: 52428800,
            TotalCodeSize: 80530636800,
          },
          AccountUsage: { FunctionCount: 0, TotalCodeSize: 0 },
        }),
      );
    case 's3control:GetPublicAccessBlock': {
      const config = account.publicAccessBlock;
      if (!config) {
        return xml(
          response,
          404,
          '<Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>The public access block configuration was not found</Message></Error>',
        );
      }
      const fields = Object.entries(config)
        .map(([key, value]) => `<${key}>${value}</${key}>`)
        .join('');
      return xml(
        response,
        200,
        `<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">${fields}</PublicAccessBlockConfiguration>`,
      );
    }
    case 'route53:ListHostedZonesByName': {
      // Route 53 sorts zones by their labels reversed and starts at DNSName.
      const key = (name: string) => name.replace(/\.$/, '').split('.').reverse().join('.');
      const from = key(url.searchParams.get('dnsname') ?? '');
      const zones = [...account.zones]
        .sort((a, b) => (key(a.name) < key(b.name) ? -1 : 1))
        .filter((zone) => key(zone.name) >= from)
        .slice(0, Number(url.searchParams.get('maxitems') ?? 100));
      const items = zones
        .map(
          (zone) =>
            `<HostedZone><Id>/hostedzone/${zone.id}</Id><Name>${zone.name}</Name><CallerReference>${zone.id}</CallerReference><Config><PrivateZone>${zone.private}</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount></HostedZone>`,
        )
        .join('');
      return xml(
        response,
        200,
        `<ListHostedZonesByNameResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><HostedZones>${items}</HostedZones><DNSName>${url.searchParams.get('dnsname') ?? ''}</DNSName><IsTruncated>false</IsTruncated><MaxItems>${url.searchParams.get('maxitems') ?? 100}</MaxItems></ListHostedZonesByNameResponse>`,
      );
    }
    default:
      return xml(
        response,
        400,
        `<ErrorResponse><Error><Code>UnknownOperation</Code><Message>${operation}</Message></Error></ErrorResponse>`,
      );
  }
}
