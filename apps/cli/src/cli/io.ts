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

/** Where answers to questions come from: `process.stdin` fits. */
export interface InputStream extends NodeJS.ReadableStream {
  /** True when the stream is a terminal: commands ask for confirmation only then. */
  isTTY?: boolean;
}

/** The process around a CLI run: its streams and environment. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Env;
  /** Read for confirmations (`erase-owner`, `revalidate --drop`); absent means no one to ask. */
  stdin?: InputStream;
}
