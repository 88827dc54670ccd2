import type { LocalLogger } from '../log/logger.js';

interface Part {
  name: string;
  stop: () => Promise<void>;
}

/**
 * The parts of the stack in the order they started; {@link Lifecycle.stopAll} stops them in
 * reverse (servers before the poller, the poller before the stores it reads), each bounded
 * in time so one stuck part cannot keep the rest running.
 */
export class Lifecycle {
  readonly #parts: Part[] = [];
  #stopping: Promise<void> | undefined;

  /** Records a part that has started, with how to stop it. */
  add(name: string, stop: () => Promise<void>): void {
    this.#parts.push({ name, stop });
  }

  /** The parts still to stop, in stopping order. */
  get pending(): string[] {
    return this.#parts.map((part) => part.name).reverse();
  }

  /** Stops every part, last started first; a second call joins the first. */
  stopAll(log: LocalLogger, timeoutMs = 15_000): Promise<void> {
    this.#stopping ??= (async () => {
      while (this.#parts.length > 0) {
        const part = this.#parts.pop()!;
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            part.stop(),
            new Promise<never>((_, reject) => {
              timer = setTimeout(
                () => reject(new Error(`did not stop within ${timeoutMs} ms`)),
                timeoutMs,
              );
            }),
          ]);
        } catch (error) {
          log.error(`stopping ${part.name} failed`, error);
        } finally {
          clearTimeout(timer);
        }
      }
    })();
    return this.#stopping;
  }
}
