/** A function name as the Invoke API takes it, split into name and qualifier. */
export interface FunctionReference {
  name: string;
  qualifier: string | undefined;
}

const ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)(?::([^:]+))?$/;
const PARTIAL = /^\d{12}:function:([A-Za-z0-9_-]+)(?::([^:]+))?$/;
const NAME = /^([A-Za-z0-9_-]+)(?::([^:]+))?$/;

/**
 * Reads the `FunctionName` of an Invoke request in any of the forms Lambda accepts: a name
 * (`streamer`), a name with a qualifier (`streamer:$LATEST`), a full ARN or a partial one
 * (`123456789012:function:streamer`). `undefined` when it is none of them.
 *
 * @example
 * parseFunctionName('arn:aws:lambda:us-east-1:000000000000:function:httpapi');
 * // { name: 'httpapi', qualifier: undefined }
 */
export function parseFunctionName(text: string): FunctionReference | undefined {
  const match = ARN.exec(text) ?? PARTIAL.exec(text) ?? NAME.exec(text);
  if (!match?.[1]) return undefined;
  return { name: match[1], qualifier: match[2] };
}
