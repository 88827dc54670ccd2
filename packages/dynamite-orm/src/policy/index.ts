// The policy library, for modules of this package (the public entry is src/index.ts).
export { allOf, firstOf } from './compose.js';
export { fieldEqualsViewer } from './field-rule.js';
export {
  allowAll,
  allowIf,
  allowSystem,
  alwaysAllow,
  alwaysDeny,
  denyIf,
  systemRule,
} from './rules.js';
export type { Decision, Rule, TablePolicies, WriteOperation } from './types.js';
export { forSystem } from './types.js';
export { allowWhere } from './where-rule.js';
