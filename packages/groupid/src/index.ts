export { encodeBase64 } from './base64.js';
export { calculateGroupIdV1, hashHostnames, hashOwner, hashText } from './calculate.js';
export type { GroupIdErrorCode } from './errors.js';
export { GroupIdError } from './errors.js';
export type { HostnameErrorCode, NormalizeHostnameResult } from './hostname.js';
export { normalizeHostname } from './hostname.js';
export type { ParsedGroupId } from './parse.js';
export { isGroupId, parseGroupId, safeParseGroupId } from './parse.js';
export { sha256 } from './sha256.js';
