// Read from the error's shape, not its class: an SDK error that crossed a bundle or a version
// boundary is still recognised.
interface S3ErrorShape {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The HTTP status of an AWS SDK error, if it has one. */
export function s3HttpStatus(error: unknown): number | undefined {
  return (error as S3ErrorShape | undefined)?.$metadata?.httpStatusCode;
}

/**
 * S3 said the key does not exist (GetObject `NoSuchKey`, HeadObject `NotFound`, or a bare
 * 404). A missing bucket is a 404 too, but a wrong setting rather than an absent object:
 * `NoSuchBucket` is not "not found" here, so a reader fails instead of seeing an empty bucket.
 */
export function isS3NotFound(error: unknown): boolean {
  const name = (error as S3ErrorShape | undefined)?.name;
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || s3HttpStatus(error) === 404;
}

/**
 * S3 refused a conditional write: `If-Match` / `If-None-Match` did not hold (412), or a
 * concurrent conditional write to the same key won (409 `ConditionalRequestConflict`).
 */
export function isS3PreconditionFailure(error: unknown): boolean {
  const name = (error as S3ErrorShape | undefined)?.name;
  const status = s3HttpStatus(error);
  return (
    name === 'PreconditionFailed' ||
    name === 'ConditionalRequestConflict' ||
    status === 412 ||
    status === 409
  );
}
