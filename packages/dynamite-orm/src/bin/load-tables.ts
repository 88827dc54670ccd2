import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyTableDefinition } from '../define-table.js';
import type { Eraser } from '../erasure/eraser.js';

/** Why a module could not give tables (a usage problem, not a verdict). */
export class LoadError extends Error {
  override readonly name = 'LoadError';
}

function isDefinition(value: unknown): value is AnyTableDefinition {
  const v = value as AnyTableDefinition | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.name === 'string' &&
    typeof v.model === 'object' &&
    Array.isArray(v.attributes)
  );
}

function tablesIn(value: unknown): AnyTableDefinition[] | undefined {
  if (isDefinition(value)) return [value];
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.values(value)
      : undefined;
  if (!list || list.length === 0 || !list.every(isDefinition)) return undefined;
  return list;
}

async function importModule(url: string, file: string): Promise<Record<string, unknown>> {
  try {
    return await import(url);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !/\.[cm]?ts$/.test(file)) throw error;
  }
  // A TypeScript module and no loader: use tsx when it is installed. (Importing the same URL
  // again would give the failure Node cached, so tsx imports it under its own namespace.)
  let api: { tsImport: (specifier: string, parent: string) => Promise<Record<string, unknown>> };
  try {
    api = (await import('tsx/esm/api' as string)) as typeof api;
  } catch {
    throw new LoadError(
      `cannot load ${file}: TypeScript needs a loader (install tsx, or run node --import tsx), or point at the built .js`,
    );
  }
  return api.tsImport(url, import.meta.url);
}

async function loadModule(modulePath: string, cwd: string) {
  const file = resolve(cwd, modulePath);
  try {
    return { file, module: await importModule(pathToFileURL(file).href, file) };
  } catch (error) {
    if (error instanceof LoadError) throw error;
    throw new LoadError(`cannot load ${file}: ${(error as Error).message}`);
  }
}

function isEraser(value: unknown): value is Eraser {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Eraser).reapplyErasures === 'function'
  );
}

/**
 * Loads the eraser a module exports as `eraser`: one made by `createEraser`, or a function
 * (sync or async) that makes it, so the module can connect its client when it is called.
 */
export async function loadEraser(modulePath: string, cwd: string): Promise<Eraser> {
  const { file, module } = await loadModule(modulePath, cwd);
  if (!('eraser' in module)) {
    throw new LoadError(
      `${file} exports no eraser: export \`eraser\` (made by createEraser, or a function returning one)`,
    );
  }
  const exported = module.eraser;
  const eraser = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  if (!isEraser(eraser)) {
    throw new LoadError(`${file}: export eraser is not an eraser made by createEraser`);
  }
  return eraser;
}

/**
 * Loads the tables a module exports: its `tables` export, else its default export; either an
 * array or an object of table definitions (or one definition).
 */
export async function loadTables(modulePath: string, cwd: string): Promise<AnyTableDefinition[]> {
  const { file, module } = await loadModule(modulePath, cwd);
  for (const name of ['tables', 'default']) {
    if (name in module) {
      const tables = tablesIn(module[name]);
      if (tables) return tables;
      throw new LoadError(
        `${file}: export ${name} is not an array or object of table definitions (made by defineTable)`,
      );
    }
  }
  throw new LoadError(
    `${file} exports no tables: export \`tables\` (an array or object of table definitions) or a default export`,
  );
}
