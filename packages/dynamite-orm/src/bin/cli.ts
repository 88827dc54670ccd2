import { formatErasureReport } from '../erasure/report.js';
import { verifyErasure } from '../erasure/verify.js';
import { toDataMap } from '../export/data-map.js';
import { toTerraform } from '../export/terraform.js';
import { LoadError, loadTables } from './load-tables.js';

/** Exit codes of the `dynamite` command. */
export const EXIT = { pass: 0, fail: 1, review: 2, usage: 3 } as const;

/** Where the command writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

const USAGE = `usage: dynamite <command> <module> [options]

commands:
  verify-erasure <module> [--json]   check every table has an erasure decision and every
                                     personal attribute is erased; exit 0 pass, 1 fail,
                                     2 needs review, 3 usage or load error
  terraform <module> [--no-pitr] [--deletion-protection]
                                     print aws_dynamodb_table resources (HCL)
  data-map <module> [--csv]          print the data inventory (JSON, or CSV)

<module> exports the tables as \`tables\` or as its default export (an array or an object
of table definitions).
`;

function parse(args: readonly string[], allowed: readonly string[]) {
  const flags = new Set<string>();
  const positional: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('--')) {
      if (!allowed.includes(arg)) throw new LoadError(`unknown option ${arg}`);
      flags.add(arg);
    } else positional.push(arg);
  }
  if (positional.length !== 1) throw new LoadError('expected exactly one module path');
  return { module: positional[0]!, flags };
}

/** Runs the command line; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help' || command === '-h') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? EXIT.usage : EXIT.pass;
  }
  try {
    switch (command) {
      case 'verify-erasure': {
        const { module, flags } = parse(rest, ['--json']);
        const report = verifyErasure(await loadTables(module, io.cwd));
        io.stdout(
          flags.has('--json')
            ? `${JSON.stringify(report, null, 2)}\n`
            : formatErasureReport(report),
        );
        return EXIT[report.status];
      }
      case 'terraform': {
        const { module, flags } = parse(rest, ['--no-pitr', '--deletion-protection']);
        const tables = await loadTables(module, io.cwd);
        io.stdout(
          toTerraform(tables, {
            pointInTimeRecovery: !flags.has('--no-pitr'),
            ...(flags.has('--deletion-protection') ? { deletionProtection: true } : {}),
          }),
        );
        return EXIT.pass;
      }
      case 'data-map': {
        const { module, flags } = parse(rest, ['--csv', '--json']);
        const map = toDataMap(await loadTables(module, io.cwd));
        io.stdout(flags.has('--csv') ? map.csv : map.json);
        return EXIT.pass;
      }
      default:
        throw new LoadError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof LoadError) {
      io.stderr(`dynamite: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    io.stderr(
      `dynamite: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.usage;
  }
}
