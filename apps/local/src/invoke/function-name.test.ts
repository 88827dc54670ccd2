import { describe, expect, it } from 'vitest';
import { parseFunctionName } from './function-name.js';

describe('parseFunctionName', () => {
  it('reads names, qualified names, full and partial ARNs', () => {
    expect(parseFunctionName('streamer')).toEqual({ name: 'streamer', qualifier: undefined });
    expect(parseFunctionName('streamer:$LATEST')).toEqual({
      name: 'streamer',
      qualifier: '$LATEST',
    });
    expect(
      parseFunctionName('arn:aws:lambda:eu-west-1:123456789012:function:httpapi:live'),
    ).toEqual({
      name: 'httpapi',
      qualifier: 'live',
    });
    expect(parseFunctionName('123456789012:function:reattestbatch')).toEqual({
      name: 'reattestbatch',
      qualifier: undefined,
    });
  });

  it('refuses what is no function name', () => {
    for (const bad of ['', 'a b', 'arn:aws:s3:::bucket', 'x:y:z', '../etc']) {
      expect(parseFunctionName(bad)).toBeUndefined();
    }
  });
});
