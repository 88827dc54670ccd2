/** Why a group ID could not be calculated or parsed. */
export type GroupIdErrorCode =
  | 'owner.empty'
  | 'type.empty'
  | 'type.invalid'
  | 'hostnames.empty'
  | 'hostname.empty'
  | 'groupid.invalid-type'
  | 'groupid.empty'
  | 'groupid.parts'
  | 'groupid.version'
  | 'groupid.part-empty'
  | 'groupid.hash';

/** The one error class of `@symval/groupid`; `code` says what was wrong. */
export class GroupIdError extends Error {
  override readonly name = 'GroupIdError';
  readonly code: GroupIdErrorCode;

  constructor(code: GroupIdErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
