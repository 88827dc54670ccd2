/**
 * A transform that makes an SST component's underlying resource adopt the existing one named
 * `existingName` (Pulumi's `import`), instead of creating a new one:
 *
 * - `nameField` is set to that name, so the program describes the resource that exists (a
 *   generated name would mean "a new resource", and changing a name replaces the resource);
 * - `import` takes it into the stage's state on the first deploy, after which Pulumi ignores
 *   the option (the resource is in state) and updates it in place like any other;
 * - `retainOnDelete`: removing the stage, or the resource from the program, leaves it in AWS,
 *   whatever the stage's removal policy; it was not this stage's to delete.
 *
 * `base` is applied first (the arguments that hold for a new resource too).
 */
export function adopting<T extends object>(
  existingName: string,
  nameField: keyof T,
  base: Partial<T> = {},
): (args: T, opts: $util.CustomResourceOptions) => undefined {
  return (args, opts) => {
    Object.assign(args, base, { [nameField]: existingName });
    opts.import = existingName;
    opts.retainOnDelete = true;
    return undefined;
  };
}
