import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertJavaForDynamoDbLocal, javaMajorVersion } from './dynamodb-local.js';

const originalPath = process.env.PATH;
let dir: string | undefined;

/** Puts a `java` that prints `versionLine` on stderr first on PATH (or no java at all). */
async function fakeJava(versionLine: string | undefined): Promise<void> {
  dir = await mkdtemp(path.join(tmpdir(), 'symval-java-'));
  if (versionLine !== undefined) {
    const script = path.join(dir, 'java');
    await writeFile(script, `#!/bin/sh\necho '${versionLine}' >&2\n`);
    await chmod(script, 0o755);
  }
  process.env.PATH = dir;
}

afterEach(async () => {
  process.env.PATH = originalPath;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the Java check before DynamoDB Local starts', () => {
  it('reads the major version of current and pre-9 Javas', async () => {
    await fakeJava('openjdk version "17.0.15" 2025-04-15');
    expect(await javaMajorVersion()).toBe(17);
    await fakeJava('java version "1.8.0_392"');
    expect(await javaMajorVersion()).toBe(8);
    await fakeJava('openjdk version "21" 2023-09-19');
    expect(await javaMajorVersion()).toBe(21);
  });

  it('says how to install Java when there is none', async () => {
    await fakeJava(undefined);
    await expect(assertJavaForDynamoDbLocal()).rejects.toMatchObject({
      name: 'LocalServicesError',
      code: 'java.missing',
      message: expect.stringContaining('apt-get install openjdk-17-jre-headless'),
    });
  });

  it('refuses a Java older than 17, naming the one found', async () => {
    await fakeJava('java version "1.8.0_392"');
    await expect(assertJavaForDynamoDbLocal()).rejects.toMatchObject({
      code: 'java.too-old',
      message: expect.stringMatching(
        /^the java on PATH is Java 8\. DynamoDB Local runs on Java 17/,
      ),
    });
  });

  it('accepts Java 17', async () => {
    await fakeJava('openjdk version "17.0.15" 2025-04-15');
    await expect(assertJavaForDynamoDbLocal()).resolves.toBeUndefined();
  });
});
