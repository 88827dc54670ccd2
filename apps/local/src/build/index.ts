export { handlerSource } from './bundle-stack.js';
export type { DevBuild, DevBuildOptions } from './dev-build.js';
export { ensureDevBuild } from './dev-build.js';
export { inputsHash, stackPackages } from './inputs.js';
export { BUNDLE_LAYOUT } from './layout.js';
export type { SourceResolver } from './source-resolve.js';
export { createSourceResolver } from './source-resolve.js';
