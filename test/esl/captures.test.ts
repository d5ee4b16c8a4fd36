import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { capturesDir } from '../support/paths.js';
import { freeswitchCaptureFiles } from './capture-files.js';
import { bytes, decodeAll, decodeChunks, summarize } from './decode-helpers.js';

const files = freeswitchCaptureFiles();

/** Where each frame's header block ends (just after its blank line), for the first `count` frames. */
function headerEnds(data: Buffer, count: number): number[] {
  const ends: number[] = [];
  for (let at = data.indexOf('\n\n'); at >= 0 && ends.length < count; at = data.indexOf('\n\n', at + 2)) ends.push(at + 2);
  return ends;
}

/** Splitting a 2-chunk stream must not change the decoded messages. */
function assertSplitsAgree(data: Buffer, offsets: Iterable<number>): void {
  const expected = JSON.stringify(summarize(decodeAll(data)));
  for (const offset of offsets) {
    const actual = JSON.stringify(summarize(decodeChunks([data.subarray(0, offset), data.subarray(offset)])));
    assert.equal(actual, expected, `split at byte ${offset}`);
  }
}

describe('decoding every raw FreeSWITCH capture', () => {
  test('finds the captures', () => {
    assert.ok(files.length >= 28, `only ${files.length} capture files under ${capturesDir}`);
  });

  for (const file of files) {
    test(relative(capturesDir, file), () => {
      const data = readFileSync(file);
      const whole = decodeAll(data);
      assert.deepEqual(whole.filter((r) => !r.ok), [], 'a real capture decodes without errors');
      const frameCount = data.toString('latin1').match(/Content-Type: [a-z]+\/[a-z-]+\n/g)?.length ?? 0;
      assert.equal(whole.length, frameCount, 'one message per frame');
      assert.equal(JSON.stringify(summarize(decodeChunks(bytes(data)))), JSON.stringify(summarize(whole)), 'byte by byte');
      // Whole file: splits spread over it. A prefix of 12 frames: every offset around each header end.
      assertSplitsAgree(data, Array.from({ length: 25 }, (_, i) => Math.floor((i * data.length) / 25)));
      const ends = headerEnds(data, 12);
      const prefix = data.subarray(0, Math.min(data.length, (ends.at(-1) ?? 0) + 2000));
      assertSplitsAgree(prefix, ends.flatMap((end) => [end - 3, end - 2, end - 1, end, end + 1]));
    });
  }

  test('the bare connect reply split at every offset', () => {
    const data = readFileSync(join(capturesDir, 'outbound-nc-connect-reply.txt'));
    assertSplitsAgree(data, Array.from({ length: data.length + 1 }, (_, i) => i));
  });
});
