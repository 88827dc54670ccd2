import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Style } from '../cli/style.js';
import { apiBaseFrom, readHttpUrl } from '../http/request.js';
import { parseIntegerOption } from '../inputs/numbers.js';
import { type CheckResult, DEFAULT_PAGES, runSmokeChecks, SMOKE_HOSTNAME } from '../smoke/index.js';

/** A foreign origin: the API is public, so a site that is not the club's must be allowed. */
const DEFAULT_ORIGIN = 'https://smoke.symval.invalid';

function readPages(values: readonly string[] | undefined): string[] {
  if (values === undefined || values.length === 0) return [...DEFAULT_PAGES];
  for (const page of values) {
    if (!page.startsWith('/') || page.startsWith('//')) {
      throw new CliError(
        'usage.option-value',
        `--page takes a path on the site such as /join/, received ${JSON.stringify(page)}`,
        {
          hint: 'Repeat --page for each page: --page / --page /join/.',
        },
      );
    }
  }
  return [...values];
}

function readOrigin(value: string | undefined): string {
  if (value === undefined) return DEFAULT_ORIGIN;
  return readHttpUrl('--origin', value, 'https://other-site.example').origin;
}

function formatLine(result: CheckResult, width: number, style: Style): string {
  const mark = result.ok ? style.green('ok  ') : style.red('FAIL');
  return `${mark}  ${result.name.padEnd(width)}  ${result.detail} ${style.dim(`(${result.ms} ms)`)}`;
}

/** `symval smoke`: a deployed site and its API checked end to end, one line per check. */
export const smokeCommand = defineCommand({
  name: 'smoke',
  summary: 'Check a deployed site and its API after a deploy (health, CORS, snapshot, pages)',
  description: [
    'Runs the post-deploy checks against a site and its API and prints one line per check:',
    'GET /api/v1/health; GET /api/v1/openapi.json (OpenAPI 3 with the attest, withdraw and',
    'group routes); a CORS preflight of POST /api/v1/attest from another origin (--origin);',
    'the snapshot /records/domains.json (served as JSON, Cache-Control revalidated within an',
    `hour, readable); an attestation of ${SMOKE_HOSTNAME} (a palindrome under .invalid, which`,
    'never resolves) for a fresh owner, which must come back invalid with the group ID v1',
    'gives, CORS headers and Retry-After exposed, and nothing stored (GET /api/v1/groups/<id>',
    'is 404); and each page of the site (--page, repeatable) answering 200 text/html.',
    '',
    'The API is --api (the API base ending /api/v1), else /api/v1 on the site, where the',
    'Router serves it. Every check runs, whatever failed before it. Exit code 0 when all pass.',
  ].join('\n'),
  options: {
    url: {
      type: 'string',
      value: '<site>',
      required: true,
      description: 'The site, e.g. https://suns.bz',
    },
    api: {
      type: 'string',
      value: '<url>',
      description: 'The API base URL (default: <site>/api/v1), e.g. the API Gateway URL',
    },
    origin: {
      type: 'string',
      value: '<origin>',
      description: `The Origin the CORS checks send (default ${DEFAULT_ORIGIN}, another site)`,
    },
    page: {
      type: 'string',
      multiple: true,
      value: '<path>',
      description: `A page of the site to fetch; repeatable (default ${DEFAULT_PAGES.join(' ')})`,
    },
    timeout: {
      type: 'string',
      value: '<ms>',
      description: 'Milliseconds to wait for each answer, 1 to 120000 (default 15000)',
    },
  },
  operands: { name: 'none', description: 'no operands', min: 0, max: 0 },
  examples: [
    { command: 'symval smoke --url https://suns.bz', description: 'after a deploy of production' },
    {
      command:
        'symval smoke --url https://dev.suns.example --api https://abc123.execute-api.eu-west-1.amazonaws.com --json',
      description: "a stage's site, its API on API Gateway's own URL, as JSON",
    },
    {
      command: 'symval smoke --url http://127.0.0.1:8788/',
      description: 'the local stack (pnpm dev)',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'every check passed'],
    [ExitCode.negative, 'some check failed (or got no answer): the line says which and why'],
    [ExitCode.usage, 'a malformed --url, --api, --origin, --page or --timeout'],
  ],
  async run({ options }) {
    const siteUrl = readHttpUrl('--url', options.url, 'https://suns.bz');
    if (!siteUrl.pathname.endsWith('/')) siteUrl.pathname = `${siteUrl.pathname}/`;
    const site = siteUrl.href;
    const api = apiBaseFrom(
      options.api === undefined
        ? siteUrl
        : readHttpUrl('--api', options.api, 'https://suns.bz/api/v1'),
    );
    const timeoutMs = parseIntegerOption('timeout', options.timeout, {
      min: 1,
      max: 120_000,
      default: 15_000,
      example: '--timeout 15000',
    });
    const pages = readPages(options.page);
    const target = { site, api, origin: readOrigin(options.origin), pages, timeoutMs };
    const results = await runSmokeChecks(target);
    const passed = results.filter((result) => result.ok).length;
    const width = Math.max(...results.map((result) => result.name.length));
    const ok = passed === results.length;
    return {
      exitCode: ok ? ExitCode.ok : ExitCode.negative,
      json: { site, api, origin: target.origin, passed: ok, checks: results },
      human: (style) =>
        [
          ...results.map((result) => formatLine(result, width, style)),
          '',
          `${ok ? style.green(`${passed} of ${results.length} checks passed`) : style.red(`${results.length - passed} of ${results.length} checks failed`)} against ${site} (API ${api}).`,
        ].join('\n'),
    };
  },
});
