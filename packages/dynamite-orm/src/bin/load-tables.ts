import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isEntityErasure } from '../erasure/entity-erasure.js';
import type { Eraser } from '../erasure/eraser.js';
import { type ErasureInput, isDefinition, isEntity, isSingleTable } from '../erasure/graph.js';

/** Why a module could not give tables (a usage problem, not a verdict). */
export class LoadError extends Error {
  override readonly name = 'LoadError';
}

/** A table definition, a single table, an entity or an entity's erasure declaration. */
function isInput(value: unknown): value is ErasureInput {
  return isDefinition(value) || isEntity(value) || isEntityErasure(value) || isSingleTable(value);
}

function tablesIn(value: unknown): ErasureInput[] | undefined {
  if (isInput(value)) return [value];
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.values(value)
      : undefined;
  if (!list || list.length === 0 || !list.every(isInput)) return undefined;
  return list as ErasureInput[];
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
 * array or an object of table definitions, single tables, entities and entity erasure
 * declarations (or one of them).
 */
export async function loadTables(modulePath: string, cwd: string): Promise<ErasureInput[]> {
  const { file, module } = await loadModule(modulePath, cwd);
  for (const name of ['tables', 'default']) {
    if (name in module) {
      const tables = tablesIn(module[name]);
      if (tables) return tables;
      throw new LoadError(
        `${file}: export ${name} is not an array or object of table definitions (defineTable), single tables (defineSingleTable), entities or entityErasure(...) declarations`,
      );
    }
  }
  throw new LoadError(
    `${file} exports no tables: export \`tables\` (an array or object of table definitions, single tables, entities or entityErasure(...) declarations) or a default export`,
  );
}
