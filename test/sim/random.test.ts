import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { draw, type Distribution } from '../../src/sim/distributions.js';
import { createRandom } from '../../src/sim/prng.js';

function draws(random: { next(): number }, count: number): number[] {
  return Array.from({ length: count }, () => random.next());
}

describe('seeded random', () => {
  test('the same seed and stream replay the same sequence', () => {
    assert.deepEqual(draws(createRandom(42), 100), draws(createRandom(42), 100));
    assert.deepEqual(draws(createRandom(42, 3), 100), draws(createRandom(42, 3), 100));
  });

  test('other seeds and other streams give other sequences', () => {
    const base = draws(createRandom(42), 10);
    assert.notDeepEqual(draws(createRandom(43), 10), base);
    assert.notDeepEqual(draws(createRandom(42, 1), 10), base);
  });

  test('uniform on [0, 1): mean, variance and deciles within sampling error', () => {
    const n = 200_000;
    const values = draws(createRandom(7), n);
    assert.ok(values.every((u) => u >= 0 && u < 1));
    const mean = values.reduce((sum, u) => sum + u, 0) / n;
    const variance = values.reduce((sum, u) => sum + (u - mean) ** 2, 0) / n;
    // Standard error of the mean is sqrt(1/12/n) ≈ 0.00065; 5 standard errors.
    assert.ok(Math.abs(mean - 0.5) < 0.0033, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1 / 12) < 0.002, `variance ${variance}`);
    const deciles = new Array<number>(10).fill(0);
    for (const u of values) deciles[Math.floor(u * 10)] = (deciles[Math.floor(u * 10)] ?? 0) + 1;
    // Each decile holds 20,000 ± 134 (binomial sd); 5 sd.
    for (const count of deciles) assert.ok(Math.abs(count - n / 10) < 670, `decile count ${count}`);
  });
});

describe('distributions', () => {
  const sampleMean = (distribution: Distribution, n: number): number => {
    const random = createRandom(11);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += draw(distribution, random);
    return sum / n;
  };

  test('fixed always gives its value', () => {
    const random = createRandom(1);
    assert.deepEqual(
      Array.from({ length: 5 }, () => draw({ kind: 'fixed', seconds: 12.5 }, random)),
      [12.5, 12.5, 12.5, 12.5, 12.5],
    );
  });

  test('exponential: mean and P(X > mean) = 1/e', () => {
    const n = 100_000;
    // sd of the mean is 180/sqrt(n) ≈ 0.57; 5 sd.
    assert.ok(Math.abs(sampleMean({ kind: 'exponential', meanSeconds: 180 }, n) - 180) < 2.9);
    const random = createRandom(5);
    let above = 0;
    for (let i = 0; i < n; i++) if (draw({ kind: 'exponential', meanSeconds: 180 }, random) > 180) above++;
    assert.ok(Math.abs(above / n - Math.exp(-1)) < 0.0076, `P(X > mean) ${above / n}`);
  });

  test('uniform stays within its bounds around its mean', () => {
    const random = createRandom(3);
    const values = Array.from({ length: 10_000 }, () => draw({ kind: 'uniform', minSeconds: 1, maxSeconds: 3 }, random));
    assert.ok(values.every((v) => v >= 1 && v < 3));
    assert.ok(Math.abs(sampleMean({ kind: 'uniform', minSeconds: 1, maxSeconds: 3 }, 10_000) - 2) < 0.03);
  });
});
