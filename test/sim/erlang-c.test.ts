import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agentsNeeded,
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  serviceLevel,
  staffingRow,
  trafficErlangs,
} from '../../src/sim/erlang-c.js';

/** |actual − expected| ≤ half a unit of the last printed digit. */
function assertRounded(actual: number, expected: number, decimals: number, what: string): void {
  const tolerance = 0.5 * 10 ** -decimals + 1e-12;
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} does not round to ${expected}`);
}

describe('Erlang C', () => {
  // queue-products-and-metrics.md §3.6: 100 calls/h, AHT 180 s (A = 5), T = 20 s.
  const workedExample = [
    { agents: 6, occupancy: 0.833, pWait: 0.588, asa: 105.8, sl: 0.474, waiting: 2.94 },
    { agents: 7, occupancy: 0.714, pWait: 0.324, asa: 29.2, sl: 0.74, waiting: 0.81 },
    { agents: 8, occupancy: 0.625, pWait: 0.167, asa: 10.0, sl: 0.88, waiting: 0.28 },
    { agents: 9, occupancy: 0.556, pWait: 0.081, asa: 3.6, sl: 0.948, waiting: 0.1 },
    { agents: 10, occupancy: 0.5, pWait: 0.036, asa: 1.3, sl: 0.979, waiting: 0.04 },
  ];
  const load = { trafficErlangs: trafficErlangs(100, 180), handleSeconds: 180 };

  for (const expected of workedExample) {
    test(`worked example, ${expected.agents} agents`, () => {
      const row = staffingRow(expected.agents, load, 20);
      assertRounded(row.occupancy, expected.occupancy, 3, 'occupancy');
      assertRounded(row.pWait, expected.pWait, 3, 'P(wait)');
      assertRounded(row.asaSeconds, expected.asa, 1, 'ASA');
      assertRounded(row.serviceLevel, expected.sl, 3, 'SL(20)');
      assertRounded(row.meanQueueLength, expected.waiting, 2, 'Lq');
      // Mean wait of the callers who wait is h / (N − A).
      assertRounded(row.asaSeconds / row.pWait, 180 / (expected.agents - 5), 6, 'wait of delayed calls');
    });
  }

  test('textbook case: 360 calls per 30 min, 4 min AHT, 55 agents', () => {
    const textbook = { trafficErlangs: trafficErlangs(720, 240), handleSeconds: 240 };
    assert.equal(textbook.trafficErlangs, 48);
    const row = staffingRow(55, textbook, 15);
    assertRounded(row.pWait, 0.239, 3, 'P(wait)');
    assertRounded(row.asaSeconds, 8.2, 1, 'ASA');
    assertRounded(row.serviceLevel, 0.846, 3, 'SL(15)');
  });

  test('large centre: 3,600 calls/h at 180 s needs 188 agents for 80/20', () => {
    const big = { trafficErlangs: 180, handleSeconds: 180 };
    assertRounded(erlangC(188, 180), 0.445, 3, 'P(wait)');
    assertRounded(averageSpeedOfAnswer(188, big), 10.0, 1, 'ASA');
    assertRounded(serviceLevel(188, big, 20), 0.817, 3, 'SL(20) at 188');
    assertRounded(serviceLevel(190, big, 20), 0.883, 3, 'SL(20) at 190');
    assert.equal(agentsNeeded(big, { serviceLevel: 0.8, thresholdSeconds: 20 }), 188);
  });

  test('Erlang B matches the closed form for small N', () => {
    // B(2, A) = (A²/2) / (1 + A + A²/2)
    for (const a of [0.5, 1, 3]) assertRounded(erlangB(2, a), a ** 2 / 2 / (1 + a + a ** 2 / 2), 12, `B(2, ${a})`);
  });

  test('stays finite and in range for thousands of agents', () => {
    const c = erlangC(5000, 4900);
    assert.ok(c > 0 && c < 1, `C(5000, 4900) = ${c}`);
  });

  test('agents needed is the fewest meeting the target', () => {
    assert.equal(agentsNeeded(load, { serviceLevel: 0.8, thresholdSeconds: 20 }), 8);
    assert.equal(agentsNeeded(load, { serviceLevel: 0.7, thresholdSeconds: 20 }), 7);
    assert.equal(agentsNeeded(load, { serviceLevel: 0.95, thresholdSeconds: 20 }), 10);
    // ASA 10.04 s at 8 agents misses a 10 s ASA target; 3.6 s at 9 meets it.
    assert.equal(agentsNeeded(load, { serviceLevel: 0.8, thresholdSeconds: 20, maxAsaSeconds: 10 }), 9);
    // Every traffic below 1 Erlang needs at least one agent; the search starts at the first stable level.
    assert.equal(agentsNeeded({ trafficErlangs: 0.01, handleSeconds: 60 }, { serviceLevel: 0.5, thresholdSeconds: 0 }), 1);
  });

  test('an unstable level waits forever', () => {
    assert.equal(erlangC(5, 5), 1);
    assert.equal(averageSpeedOfAnswer(4, load), Infinity);
    assert.equal(serviceLevel(5, load, 20), 0);
  });
});
