import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultQueueConfig } from '../../src/engine/model.js';
import { parseScenario, type Scenario } from '../../src/sim/scenario.js';
import { repoRoot } from '../support/paths.js';

function validDocument(): Record<string, unknown> {
  return {
    seed: 7,
    calls: 500,
    ringDelay: { kind: 'uniform', minSeconds: 1, maxSeconds: 3 },
    noAnswerProbability: 0.1,
    queues: [{ name: 'sales', strategy: 'ring-all', wrapUpSeconds: 10 }, { name: 'support' }],
    agents: [{ id: '1000' }, { id: '1001', wrapUpSeconds: 5, type: 'dynamic' }],
    tiers: [
      { queue: 'sales', agentId: '1000' },
      { queue: 'support', agentId: '1001', level: 2, position: 3 },
    ],
    arrivals: [
      { queue: 'sales', callsPerHour: 60, handleTime: { kind: 'exponential', meanSeconds: 120 } },
      { queue: 'support', callsPerHour: 30, handleTime: { kind: 'fixed', seconds: 60 }, patience: { kind: 'exponential', meanSeconds: 90 } },
    ],
  };
}

function parsed(document: unknown): Scenario {
  const result = parseScenario(document);
  if (!result.ok) assert.fail(result.message);
  return result.scenario;
}

function problem(document: unknown): string {
  const result = parseScenario(document);
  assert.equal(result.ok, false, 'the document should be refused');
  return result.ok ? '' : result.message;
}

/** The valid document with one change at a path like ['queues', 1, 'strategy']. */
function withChange(path: readonly (string | number)[], value: unknown): Record<string, unknown> {
  const document = validDocument();
  let node: Record<string | number, unknown> = document;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return document;
}

describe('scenario file', () => {
  test('a valid document fills the defaults', () => {
    const scenario = parsed(validDocument());
    assert.deepEqual(scenario.queues[0], { ...defaultQueueConfig('sales'), strategy: 'ring-all', wrapUpSeconds: 10 });
    assert.deepEqual(scenario.queues[1], defaultQueueConfig('support'));
    assert.equal(scenario.agents[0]?.type, 'static');
    assert.equal(scenario.agents[0]?.contact, 'user/1000');
    assert.equal(scenario.agents[0]?.wrapUpSeconds, null);
    assert.equal(scenario.agents[1]?.wrapUpSeconds, 5);
    assert.equal(scenario.agents[1]?.type, 'dynamic');
    assert.deepEqual(scenario.tiers[0], { queue: 'sales', agentId: '1000', level: 1, position: 1 });
    assert.equal(scenario.arrivals[0]?.patience, null);
    assert.deepEqual(scenario.arrivals[1]?.patience, { kind: 'exponential', meanSeconds: 90 });
    assert.deepEqual(scenario.ringDelay, { kind: 'uniform', minSeconds: 1, maxSeconds: 3 });
    assert.equal(scenario.noAnswerProbability, 0.1);
    assert.equal(scenario.calls, 500);
    assert.equal(scenario.seed, 7);
    assert.equal(scenario.slThresholdSeconds, 20);
  });

  test('optional top-level fields take defaults', () => {
    const scenario = parsed(withChange(['ringDelay'], undefined));
    assert.deepEqual(scenario.ringDelay, { kind: 'fixed', seconds: 0 });
    assert.equal(parsed(withChange(['calls'], undefined)).calls, 10_000);
  });

  const refusals: [string, readonly (string | number)[], unknown, string][] = [
    [
      'an unknown strategy',
      ['queues', 1, 'strategy'],
      'foo',
      'scenario.queues[1].strategy: "foo" is not a strategy; allowed: ring-all, longest-idle-agent',
    ],
    ['a misspelt queue field', ['queues', 0, 'wrapupSeconds'], 3, 'scenario.queues[0].wrapupSeconds: unknown field; allowed: name,'],
    ['a queue field of the wrong type', ['queues', 0, 'tierRulesApply'], 'yes', 'scenario.queues[0].tierRulesApply: "yes" is not true or false'],
    ['a negative wrap-up', ['queues', 0, 'wrapUpSeconds'], -1, 'scenario.queues[0].wrapUpSeconds: -1 is not a number ≥ 0'],
    // Ranges only the engine knows come from its validators, with the queue's path.
    ['a zero ring time', ['queues', 1, 'maxRingSeconds'], 0, 'scenario.queues[1]: queue support: field maxRingSeconds is 0'],
    ['a queue without a name', ['queues', 1, 'name'], undefined, 'scenario.queues[1].name: undefined is not a non-empty string'],
    ['a duplicate queue', ['queues', 1, 'name'], 'sales', 'scenario.queues[1].name: "sales" appears twice'],
    ['no queues', ['queues'], [], 'scenario.queues: is empty'],
    ['queues not a list', ['queues'], { name: 'x' }, 'scenario.queues: {"name":"x"} is not an array'],
    ['a bad exit key', ['queues', 0, 'exitKeys'], [{ key: '12', destination: 'x' }], 'scenario.queues[0].exitKeys[0].key: "12" is not one DTMF digit'],
    ['an agent type', ['agents', 1, 'type'], 'robot', 'scenario.agents[1].type: "robot" is not an agent type; allowed: static, dynamic'],
    ['a fractional max-no-answer', ['agents', 0, 'maxNoAnswer'], 1.5, 'scenario.agents[0].maxNoAnswer: 1.5 is not an integer ≥ 0'],
    ['a tier to an unknown agent', ['tiers', 1, 'agentId'], '2000', 'scenario.tiers[1].agentId: "2000" is not an agent of this scenario; allowed: 1000, 1001'],
    ['a tier to an unknown queue', ['tiers', 0, 'queue'], 'billing', 'scenario.tiers[0].queue: "billing" is not a queue of this scenario'],
    ['a duplicate tier', ['tiers', 1], { queue: 'sales', agentId: '1000' }, 'scenario.tiers[1].queue/agentId: "sales/1000" appears twice'],
    ['arrivals to an unknown queue', ['arrivals', 0, 'queue'], 'billing', 'scenario.arrivals[0].queue: "billing" is not a queue of this scenario'],
    ['a zero arrival rate', ['arrivals', 1, 'callsPerHour'], 0, 'scenario.arrivals[1].callsPerHour: 0 is not a number > 0'],
    ['a missing handle time', ['arrivals', 0, 'handleTime'], undefined, 'scenario.arrivals[0].handleTime: undefined is not an object'],
    [
      'an unknown distribution',
      ['arrivals', 0, 'handleTime'],
      { kind: 'normal', meanSeconds: 3 },
      'scenario.arrivals[0].handleTime.kind: "normal" is not a distribution; allowed: fixed, exponential, uniform',
    ],
    ['a distribution field of another kind', ['arrivals', 1, 'patience'], { kind: 'exponential', seconds: 3 }, 'scenario.arrivals[1].patience.seconds: unknown field'],
    ['a uniform upside down', ['ringDelay'], { kind: 'uniform', minSeconds: 3, maxSeconds: 1 }, 'scenario.ringDelay.maxSeconds: 1 is not a number ≥ 3'],
    ['a probability above 1', ['noAnswerProbability'], 1.5, 'scenario.noAnswerProbability: 1.5 is not a number ≥ 0 and ≤ 1'],
    ['a fractional call count', ['calls'], 10.5, 'scenario.calls: 10.5 is not an integer ≥ 1 and ≤ 100000000'],
    ['an unknown top-level field', ['agent'], [], 'scenario.agent: unknown field; allowed: queues, agents'],
  ];
  for (const [what, path, value, expected] of refusals) {
    test(`refuses ${what}, naming the field`, () => {
      const message = problem(withChange(path, value));
      assert.ok(message.startsWith(expected), `message: ${message}\nexpected to start with: ${expected}`);
    });
  }

  test('the example in docs/simulator.md is a valid scenario', () => {
    const doc = readFileSync(join(repoRoot, 'docs/simulator.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example !== undefined, 'docs/simulator.md has a json block');
    const scenario = parsed(JSON.parse(example));
    assert.deepEqual(scenario.queues.map((queue) => queue.name), ['sales', 'support']);
    assert.equal(scenario.tiers.length, 8);
  });

  test('refuses a document that is not an object', () => {
    assert.equal(problem([1, 2]), 'scenario: [1,2] is not an object');
  });
});
