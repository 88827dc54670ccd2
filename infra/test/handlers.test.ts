import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANDLER_EXTENSIONS, locateHandler } from '../src/index.js';
import {
  CONFIG_DIR,
  FUNCTION_NAMES,
  markdownTable,
  REPO_ROOT,
  readConfigurationDoc,
} from './docs.js';
import { dev } from './sst/shared.js';

const run = dev();
/** The handler SST asked its CLI to bundle for the function `name`. */
const handlerOf = (name: string) => run.lambda(name).build.handler;
const docHandlers = markdownTable(readConfigurationDoc(), '## Handlers');

/** The file SST would bundle for `handler`: the first extension that exists, or undefined. */
function handlerFile(handler: string): string | undefined {
  const { file } = locateHandler(handler);
  return HANDLER_EXTENSIONS.map((ext) => join(CONFIG_DIR, file + ext)).find((path) =>
    existsSync(path),
  );
}

/** Whether `source` exports a binding called `name` (declaration or export list). */
function exportsName(source: string, name: string): boolean {
  const declaration = new RegExp(
    `export\\s+(?:const|let|var|(?:async\\s+)?function\\*?)\\s+${name}\\b`,
  );
  const list = new RegExp(`export\\s*(?:type\\s*)?\\{[^}]*\\b(?:as\\s+)?${name}\\s*(?:,|\\})`);
  return declaration.test(source) || list.test(source);
}

describe('function handlers', () => {
  it('point at the files and exports that docs/configuration.md fixes', () => {
    expect(docHandlers.map(([fn]) => fn).sort()).toEqual(Object.keys(FUNCTION_NAMES).sort());
    for (const [key, documentedFile, documentedExport] of docHandlers) {
      const name = FUNCTION_NAMES[key as keyof typeof FUNCTION_NAMES];
      const { file, exportName } = locateHandler(handlerOf(name));
      expect(join(CONFIG_DIR, file)).toBe(join(REPO_ROOT, documentedFile!.replace(/\.ts$/, '')));
      expect(exportName).toBe(documentedExport!.split(' ')[0]);
    }
  });

  it.each(Object.entries(FUNCTION_NAMES))(
    '%s: the handler file exists where SST looks for it and exports the handler',
    (_key, name) => {
      const handler = handlerOf(name);
      const file = handlerFile(handler);
      expect(file, `no file for handler ${handler} (relative to infra/)`).toBeDefined();
      const source = readFileSync(file!, 'utf8');
      expect(exportsName(source, locateHandler(handler).exportName)).toBe(true);
    },
  );

  it('are what SST bundled into each Lambda function (the CLI answers bundle.<export>)', () => {
    for (const name of Object.values(FUNCTION_NAMES)) {
      expect(run.lambda(name).inputs.handler).toBe(
        `bundle.${locateHandler(handlerOf(name)).exportName}`,
      );
    }
  });

  it('finds a handler file by the extensions SST tries, relative to infra/', () => {
    const file = handlerFile('test/fixtures/sample-handler.handler');
    expect(file).toBe(join(CONFIG_DIR, 'test/fixtures/sample-handler.ts'));
    expect(exportsName(readFileSync(file!, 'utf8'), 'handler')).toBe(true);
    expect(handlerFile('test/fixtures/missing-handler.handler')).toBeUndefined();
  });

  it('recognises the export forms a handler file may use, and nothing else', () => {
    expect(exportsName('export const handler = async () => {};', 'handler')).toBe(true);
    expect(exportsName('export async function handler(event) {}', 'handler')).toBe(true);
    expect(exportsName('export function handler() {}', 'handler')).toBe(true);
    expect(exportsName("export { handler } from './x.js';", 'handler')).toBe(true);
    expect(exportsName('export { main as handler };', 'handler')).toBe(true);
    expect(exportsName('const handler = 1;\nexport { other };', 'handler')).toBe(false);
    expect(exportsName('export const handlerFactory = 1;', 'handler')).toBe(false);
  });
});
