import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FinishedCall } from '../../src/sim/metrics.js';
import { parseScenario, type Scenario } from '../../src/sim/scenario.js';
import { simulate, type SimulationReport } from '../../src/sim/simulator.js';
import { singleQueueScenario, type SingleQueueOptions } from '../../src/sim/single-queue.js';

const BASE: SingleQueueOptions = {
  agents: 8,
  callsPerHour: 100,
  ahtSeconds: 180,
  handleTime: 'exponential',
  strategy: 'longest-idle-agent',
  ringDelaySeconds: 0,
  wrapUpSeconds: 0,
  patienceSeconds: null,
  noAnswerProbability: 0,
  calls: 5_000,
  seed: 1,
  slThresholdSeconds: 20,
};

function run(scenario: Scenario, onCall?: (call: FinishedCall) => void): SimulationReport {
  const result = simulate(scenario, onCall === undefined ? {} : { onCall });
  if (!result.ok) assert.fail(result.message);
  return result.report;
}

function single(changes: Partial<SingleQueueOptions>): SimulationReport {
  return run(singleQueueScenario({ ...BASE, ...changes }));
}

describe('simulator', () => {
  test('the same seed replays exactly; another seed does not', () => {
    assert.deepEqual(single({ seed: 5 }), single({ seed: 5 }));
    assert.notDeepEqual(single({ seed: 5 }).asaSeconds, single({ seed: 6 }).asaSeconds);
  });

  test('wrap-up counts as busy time and lengthens the waits', () => {
    const without = single({});
    const withWrapUp = single({ wrapUpSeconds: 30 });
    // Busy per call 180 + 30 s: 100 calls/h × 210 s / 3600 / 8 agents = 0.729.
    assert.ok(Math.abs((withWrapUp.occupancy ?? 0) - 0.729) < 0.03, `occupancy ${withWrapUp.occupancy}`);
    assert.ok(Math.abs((without.occupancy ?? 0) - 0.625) < 0.03, `occupancy ${without.occupancy}`);
    assert.ok((withWrapUp.asaSeconds ?? 0) > (without.asaSeconds ?? 0) * 1.5);
  });

  test('ring time is part of the wait but does not count as queueing', () => {
    // Plenty of agents: almost nobody queues, and everyone waits the 5 s ring.
    const report = single({ agents: 20, ringDelaySeconds: 5, slThresholdSeconds: 4 });
    assert.equal(report.answered, BASE.calls);
    assert.ok(Math.abs((report.asaSeconds ?? 0) - 5) < 0.01, `ASA ${report.asaSeconds}`);
    assert.ok((report.pWait ?? 1) < 0.001, `P(wait) ${report.pWait}`);
    assert.equal(report.serviceLevel, 0, 'no call is answered within 4 s');
  });

  test('callers with patience abandon, and the rest wait less than without abandons', () => {
    const patient = single({ agents: 6 });
    const impatient = single({ agents: 6, patienceSeconds: 60 });
    assert.ok(impatient.abandoned > 0.05 * BASE.calls, `abandoned ${impatient.abandoned}`);
    assert.equal(impatient.answered + impatient.abandoned, impatient.offered);
    assert.equal(impatient.offered, BASE.calls);
    assert.ok((impatient.abandonRate ?? 0) > 0 && (impatient.abandonRate ?? 1) < 0.5);
    assert.ok((impatient.asaSeconds ?? 0) < (patient.asaSeconds ?? 0) / 2);
    assert.equal(patient.abandoned, 0);
  });

  test('agents who do not answer are rung again until someone answers', () => {
    const report = single({ noAnswerProbability: 0.2 });
    assert.equal(report.answered, BASE.calls, 'without patience every call is answered in the end');
    // A missed ring costs the queue's 30 s ring time, so waits grow.
    assert.ok((report.asaSeconds ?? 0) > (single({}).asaSeconds ?? 0) + 3);
    assert.ok((report.maxWaitSeconds ?? 0) >= 30);
  });

  test('fixed handle times wait less than exponential ones at the same load', () => {
    const fixed = single({ handleTime: 'fixed', calls: 20_000 });
    const exponential = single({ calls: 20_000 });
    assert.ok((fixed.asaSeconds ?? 0) < (exponential.asaSeconds ?? 0) * 0.8, `${fixed.asaSeconds} vs ${exponential.asaSeconds}`);
  });

  test('every call is reported once, in a metric that adds up', () => {
    const calls: FinishedCall[] = [];
    const report = run(singleQueueScenario({ ...BASE, agents: 6, patienceSeconds: 120 }), (call) => calls.push(call));
    assert.equal(calls.length, BASE.calls);
    assert.equal(new Set(calls.map((call) => call.arrivalIndex)).size, BASE.calls);
    const answered = calls.filter((call) => call.outcome === 'answered');
    assert.equal(answered.length, report.answered);
    const asa = answered.reduce((sum, call) => sum + call.waitMs, 0) / answered.length / 1000;
    assert.ok(Math.abs(asa - (report.asaSeconds ?? 0)) < 1e-9);
    assert.equal(report.pWait, answered.filter((call) => call.waited).length / answered.length);
    assert.equal(report.serviceLevel, answered.filter((call) => call.waitMs <= 20_000).length / answered.length);
    assert.equal(report.maxWaitSeconds, Math.max(...calls.map((call) => call.waitMs)) / 1000);
  });

  test('a scenario with several queues reports each, and callers of a queue nobody serves are left waiting', () => {
    const parsed = parseScenario({
      calls: 3_000,
      queues: [{ name: 'sales', strategy: 'ring-all' }, { name: 'support', maxWaitSeconds: 60 }, { name: 'orphan' }],
      agents: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }, { id: 'b1' }],
      tiers: [
        { queue: 'sales', agentId: 'a1' },
        { queue: 'sales', agentId: 'a2' },
        { queue: 'sales', agentId: 'a3' },
        { queue: 'support', agentId: 'a3' },
        { queue: 'support', agentId: 'b1' },
      ],
      arrivals: [
        { queue: 'sales', callsPerHour: 40, handleTime: { kind: 'exponential', meanSeconds: 120 } },
        { queue: 'support', callsPerHour: 50, handleTime: { kind: 'exponential', meanSeconds: 120 } },
        { queue: 'orphan', callsPerHour: 1, handleTime: { kind: 'fixed', seconds: 60 } },
      ],
    });
    if (!parsed.ok) assert.fail(parsed.message);
    const report = run(parsed.scenario);
    const byName = new Map(report.queues.map((queue) => [queue.name, queue]));
    const sales = byName.get('sales');
    const support = byName.get('support');
    const orphan = byName.get('orphan');
    assert.ok(sales !== undefined && support !== undefined && orphan !== undefined);
    assert.ok(sales.answered > 1_000 && support.answered > 1_000);
    assert.ok(support.timedOut > 0, 'support callers time out after 60 s');
    assert.ok(support.maxWaitSeconds <= 60 + 1);
    assert.equal(orphan.answered, 0);
    assert.ok(orphan.maxWaitSeconds > 3600, 'callers still waiting count for the longest wait');
    assert.equal(report.unfinished, orphan.offered - orphan.timedOut - orphan.abandoned - orphan.exited);
    assert.ok(report.unfinished > 0);
    assert.equal(report.offered, sales.offered + support.offered + orphan.offered);
  });

  test('the engine refusing a configuration is reported with the path', () => {
    const scenario = singleQueueScenario(BASE);
    const broken: Scenario = { ...scenario, queues: [{ ...scenario.queues[0]!, maxRingSeconds: 0 }] };
    const result = simulate(broken);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /^scenario\.queues\[0\]: .*maxRingSeconds/);
  });
});
