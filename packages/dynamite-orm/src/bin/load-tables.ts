import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyTableDefinition } from '../define-table.js';

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

/**
 * Loads the tables a module exports: its `tables` export, else its default export; either an
 * array or an object of table definitions (or one definition).
 */
export async function loadTables(modulePath: string, cwd: string): Promise<AnyTableDefinition[]> {
  const file = resolve(cwd, modulePath);
  let module: Record<string, unknown>;
  try {
    module = await importModule(pathToFileURL(file).href, file);
  } catch (error) {
    if (error instanceof LoadError) throw error;
    throw new LoadError(`cannot load ${file}: ${(error as Error).message}`);
  }
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
