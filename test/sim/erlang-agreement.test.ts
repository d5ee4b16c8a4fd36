// The simulator driving the real engine agrees with Erlang C when the model's assumptions hold:
// Poisson arrivals, exponential handle times, no ringing, no wrap-up, no abandons, identical agents
// (queue-products-and-metrics.md §3.6, validation rule). Each check is the 95 % confidence interval
// of the run's own sample (batch means, never narrower than the binomial interval; see
// src/sim/confidence.ts). The seeds are fixed, so the test is deterministic.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StrategyName } from '../../src/engine/index.js';
import { staffingRow, type StaffingRow } from '../../src/sim/erlang-c.js';
import { simulate, type SimulationReport } from '../../src/sim/simulator.js';
import { singleQueueScenario } from '../../src/sim/single-queue.js';

const AHT_SECONDS = 180;
const THRESHOLD_SECONDS = 20;
const CALLS = 50_000;

function run(agents: number, traffic: number, strategy: StrategyName, seed: number): SimulationReport {
  const result = simulate(
    singleQueueScenario({
      agents,
      callsPerHour: (traffic * 3600) / AHT_SECONDS,
      ahtSeconds: AHT_SECONDS,
      handleTime: 'exponential',
      strategy,
      ringDelaySeconds: 0,
      wrapUpSeconds: 0,
      patienceSeconds: null,
      noAnswerProbability: 0,
      calls: CALLS,
      seed,
      slThresholdSeconds: THRESHOLD_SECONDS,
    }),
  );
  if (!result.ok) assert.fail(result.message);
  return result.report;
}

interface Disagreement {
  readonly metric: string;
  readonly simulated: number;
  readonly model: number;
  readonly halfWidth: number;
}

/** The metrics whose model value lies outside the simulation's 95 % confidence interval. */
function disagreements(report: SimulationReport, model: StaffingRow): Disagreement[] {
  const checks = [
    { metric: 'P(wait)', simulated: report.pWait, model: model.pWait, halfWidth: report.confidence.pWait },
    { metric: 'SL', simulated: report.serviceLevel, model: model.serviceLevel, halfWidth: report.confidence.serviceLevel },
    { metric: 'ASA', simulated: report.asaSeconds, model: model.asaSeconds, halfWidth: report.confidence.asaSeconds },
  ];
  return checks.flatMap(({ metric, simulated, model: expected, halfWidth }) => {
    assert.ok(simulated !== null && halfWidth !== null, `${metric} was not measured`);
    return Math.abs(simulated - expected) <= halfWidth ? [] : [{ metric, simulated, model: expected, halfWidth }];
  });
}

describe('simulation agrees with Erlang C', () => {
  const points: { agents: number; traffic: number; strategy: StrategyName; seed: number }[] = [
    { agents: 8, traffic: 5, strategy: 'longest-idle-agent', seed: 1 },
    { agents: 7, traffic: 5, strategy: 'ring-all', seed: 2 },
    { agents: 3, traffic: 2, strategy: 'top-down', seed: 3 },
    { agents: 12, traffic: 10, strategy: 'round-robin', seed: 4 },
  ];
  for (const { agents, traffic, strategy, seed } of points) {
    test(`N=${agents}, A=${traffic} Erl (${strategy}): P(wait), SL(${THRESHOLD_SECONDS} s) and ASA within the 95 % CI`, () => {
      const report = run(agents, traffic, strategy, seed);
      const load = { trafficErlangs: traffic, handleSeconds: AHT_SECONDS };
      const model = staffingRow(agents, load, THRESHOLD_SECONDS);
      assert.equal(report.offered, CALLS);
      assert.equal(report.answered, CALLS, 'no abandons: every call is answered');
      assert.deepEqual(disagreements(report, model), []);
      // The intervals are tight enough to tell N from N ± 1 agents.
      for (const neighbour of [agents - 1, agents + 1]) {
        if (neighbour <= traffic) continue;
        const other = staffingRow(neighbour, load, THRESHOLD_SECONDS);
        assert.ok((report.confidence.pWait ?? 1) < Math.abs(other.pWait - model.pWait) / 2, 'P(wait) interval too wide');
        assert.ok((report.confidence.serviceLevel ?? 1) < Math.abs(other.serviceLevel - model.serviceLevel) / 2, 'SL interval too wide');
        assert.ok((report.confidence.asaSeconds ?? Infinity) < Math.abs(other.asaSeconds - model.asaSeconds) / 2, 'ASA interval too wide');
      }
      // Occupancy (busy time over the window) is A/N, to about 4 standard errors of a 50,000-call window.
      assert.ok(Math.abs((report.occupancy ?? 0) - traffic / agents) < 0.02, `occupancy ${report.occupancy}`);
    });
  }

  test('the check tells neighbouring staffing levels apart (7 agents do not pass for 8)', () => {
    const sevenAgents = run(7, 5, 'longest-idle-agent', 5);
    const eightAgentModel = staffingRow(8, { trafficErlangs: 5, handleSeconds: AHT_SECONDS }, THRESHOLD_SECONDS);
    assert.deepEqual(
      disagreements(sevenAgents, eightAgentModel).map((d) => d.metric),
      ['P(wait)', 'SL', 'ASA'],
    );
  });
});
