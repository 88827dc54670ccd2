export type { DataMap, DataMapEntry } from './data-map.js';
export { DATA_MAP_COLUMNS, toDataMap } from './data-map.js';
export type { TerraformOptions } from './terraform.js';
export { toTerraform } from './terraform.js';
