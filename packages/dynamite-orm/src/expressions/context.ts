import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Placeholders of one request. Each request makes its own, so concurrent calls never share
 * names or values. The same attribute name always gets the same placeholder within a request.
 */
export class ExpressionContext {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  readonly #nameIds = new Map<string, string>();
  #valueCount = 0;

  /** Placeholder for one attribute name. */
  name(savedName: string): string {
    let id = this.#nameIds.get(savedName);
    if (id === undefined) {
      id = `#n${this.#nameIds.size}`;
      this.#nameIds.set(savedName, id);
      this.names[id] = savedName;
    }
    return id;
  }

  /** Placeholder path for nested map attributes: `#n0.#n1`. */
  path(saved: readonly string[]): string {
    let out = this.name(saved[0]!);
    for (let i = 1; i < saved.length; i++) out += `.${this.name(saved[i]!)}`;
    return out;
  }

  /** Placeholder for one value. */
  value(av: AttributeValue): string {
    const id = `:v${this.#valueCount++}`;
    this.values[id] = av;
    return id;
  }

  /** The `ExpressionAttributeNames` / `Values` members to spread into a request (none if empty). */
  attributes(): {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, AttributeValue>;
  } {
    return {
      ...(this.#nameIds.size > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(this.#valueCount > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
