/** The HTTP status of an AWS SDK error, if it has one. */
export function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
    ?.httpStatusCode;
}

/** S3 said the key does not exist (GetObject `NoSuchKey`, HeadObject `NotFound`, or a bare 404). */
export function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatus(error) === 404;
}

/**
 * S3 refused a conditional write: `If-Match` / `If-None-Match` did not hold (412), or a
 * concurrent conditional write to the same key won (409 `ConditionalRequestConflict`).
 */
export function isPreconditionFailure(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  const status = httpStatus(error);
  return (
    name === 'PreconditionFailed' ||
    name === 'ConditionalRequestConflict' ||
    status === 412 ||
    status === 409
  );
}
