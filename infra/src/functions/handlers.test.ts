import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HANDLERS, locateHandler } from './handlers.js';

const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);

describe('locateHandler', () => {
  it('splits the fixed handlers into file and export', () => {
    expect(locateHandler(HANDLERS.httpapi)).toEqual({
      file: '../apps/httpapi/src/lambda',
      exportName: 'handler',
    });
    expect(locateHandler(HANDLERS.streamer)).toEqual({
      file: '../apps/streamer/src/handler',
      exportName: 'handler',
    });
    expect(locateHandler(HANDLERS.reattestbatch)).toEqual({
      file: '../apps/reattestbatch/src/handler',
      exportName: 'handler',
    });
  });

  it('gives back the directory, file and export a handler was made of', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 4 }),
        segment,
        segment,
        (dirs, file, exportName) => {
          const path = [...dirs, file].join('/');
          expect(locateHandler(`${path}.${exportName}`)).toEqual({ file: path, exportName });
        },
      ),
    );
  });

  it('keeps dots of the file name and of ".." directories in the file part', () => {
    expect(locateHandler('../src/lambda.v2.main')).toEqual({
      file: '../src/lambda.v2',
      exportName: 'main',
    });
  });

  it('refuses a handler without a file or an export', () => {
    for (const handler of ['lambda', '../apps/x/src/', 'src/lambda.', '../apps/.handler']) {
      expect(() => locateHandler(handler)).toThrow(
        expect.objectContaining({ code: 'handler.invalid' }),
      );
    }
  });
});
