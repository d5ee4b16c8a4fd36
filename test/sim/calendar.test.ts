import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Calendar } from '../../src/sim/calendar.js';
import { createRandom } from '../../src/sim/prng.js';

test('events come out by time, and in scheduling order at equal times', () => {
  const calendar = new Calendar<string>();
  calendar.schedule(30, 'c');
  calendar.schedule(10, 'a1');
  calendar.schedule(20, 'b');
  calendar.schedule(10, 'a2');
  calendar.schedule(10, 'a3');
  assert.equal(calendar.peekTime(), 10);
  const order: string[] = [];
  for (let next = calendar.pop(); next !== null; next = calendar.pop()) order.push(next);
  assert.deepEqual(order, ['a1', 'a2', 'a3', 'b', 'c']);
  assert.equal(calendar.peekTime(), null);
  assert.equal(calendar.size, 0);
});

test('interleaved schedules and pops match a sorted reference', () => {
  const random = createRandom(9);
  const calendar = new Calendar<number>();
  const reference: { at: number; seq: number }[] = [];
  let seq = 0;
  const popped: number[] = [];
  const expected: number[] = [];
  for (let step = 0; step < 5_000; step++) {
    if (random.next() < 0.6 || reference.length === 0) {
      const at = Math.floor(random.next() * 100);
      calendar.schedule(at, seq);
      reference.push({ at, seq: seq++ });
    } else {
      reference.sort((a, b) => a.at - b.at || a.seq - b.seq);
      expected.push((reference.shift() as { seq: number }).seq);
      popped.push(calendar.pop() as number);
    }
  }
  assert.deepEqual(popped, expected);
  assert.equal(calendar.size, reference.length);
});
