/** Where output goes: `process.stdout` and `process.stderr` fit, and so does a test double. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** True when the stream is a terminal: colours and progress bars only then. */
  isTTY?: boolean;
  /** The terminal's width, when it is one. */
  columns?: number;
}

/** Environment variables, as `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The process around a CLI run: its streams and environment. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Env;
}
