// Configuration validators and bad input to handle().
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultAgentConfig,
  defaultQueueConfig,
  validateAgentConfig,
  validateQueueConfig,
  validateTierConfig,
  type Input,
} from '../../src/engine/index.js';
import { Scenario } from './support/scenario.js';

describe('validators', () => {
  test('the defaults are valid', () => {
    assert.equal(validateQueueConfig(defaultQueueConfig('q')), null);
    assert.equal(validateAgentConfig(defaultAgentConfig('a', 'user/a')), null);
    assert.equal(validateTierConfig({ queue: 'q', agentId: 'a', level: 1, position: 1 }), null);
  });

  test('queue: names the field, the bad value and what is allowed', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ maxRingSeconds: 0 }, /queue q: field maxRingSeconds is 0; it must be a number of seconds > 0/],
      [{ strategy: 'fastest' }, /field strategy is "fastest"; it must be one of: ring-all, longest-idle-agent/],
      [{ maxCallers: 1.5 }, /field maxCallers is 1.5; it must be an integer >= 0/],
      [{ ringN: 0 }, /field ringN is 0; it must be an integer >= 1/],
      [{ exitKeys: [{ key: '12', destination: 'x' }] }, /field exitKeys .*one DTMF digit/],
      [{ exitKeys: [{ key: '1', destination: 'x' }, { key: '1', destination: 'y' }] }, /each key once \(1 is repeated\)/],
      [{ timeoutDestination: '' }, /field timeoutDestination is ""; it must be null or a non-empty string/],
      [{ tierRulesApply: 'yes' }, /field tierRulesApply is "yes"; it must be true or false/],
      [{ maxWaitSeconds: Number.NaN }, /field maxWaitSeconds is NaN; it must be a number of seconds >= 0/],
    ];
    for (const [change, message] of cases) {
      const error = validateQueueConfig({ ...defaultQueueConfig('q'), ...change } as never);
      assert.equal(error?.code, 'invalid-config');
      assert.match(error?.message ?? '', message);
    }
  });

  test('agent and tier', () => {
    assert.match(validateAgentConfig({ ...defaultAgentConfig('a', ''), contact: '' })?.message ?? '', /agent a: field contact is ""; it must be a non-empty string/);
    assert.match(validateAgentConfig({ ...defaultAgentConfig('a', 'x'), type: 'robot' } as never)?.message ?? '', /field type is "robot"; it must be one of: static, dynamic/);
    assert.match(validateAgentConfig({ ...defaultAgentConfig('a', 'x'), wrapUpSeconds: -1 })?.message ?? '', /wrapUpSeconds is -1; it must be null or a number of seconds >= 0/);
    assert.match(validateTierConfig({ queue: 'q', agentId: 'a', level: -1, position: 1 })?.message ?? '', /tier q\/a: field level is -1; it must be an integer >= 0/);
    assert.match(validateTierConfig({ queue: 'q', agentId: 'a', level: 1 } as never)?.message ?? '', /field position is missing/);
  });
});

describe('bad input to handle', () => {
  test('an invalid upsert returns the error and changes nothing', () => {
    const sc = new Scenario().queue('q', { maxWaitSeconds: 30 });
    const out = sc.send({ kind: 'queue-upserted', queue: { ...defaultQueueConfig('q'), maxWaitSeconds: -5 } }, true);
    assert.equal(out.error?.code, 'invalid-config');
    sc.enter('c1', 'q');
    assert.equal(sc.engine.nextDeadline(), sc.now + 30_000);
  });

  test('unknown names, statuses and kinds come back as errors, never as exceptions', () => {
    const sc = new Scenario().queue('q');
    const bad: [Input, string][] = [
      [{ kind: 'agent-status-set', agentId: 'nobody', status: 'Available' }, 'unknown-agent'],
      [{ kind: 'tier-upserted', tier: { queue: 'nope', agentId: 'a', level: 1, position: 1 } }, 'unknown-queue'],
      [{ kind: 'tier-removed', queue: 'q', agentId: 'nobody' }, 'unknown-agent'],
      [{ kind: 'queue-removed', queue: 'nope' }, 'unknown-queue'],
      [{ kind: 'offer-answered', offerId: 'o1' }, 'stale'],
      [{ kind: 'caller-key', callId: 'zz', key: '1' }, 'unknown-call'],
      [{ kind: 'bogus' } as unknown as Input, 'invalid-config'],
      [null as unknown as Input, 'invalid-config'],
      [{ kind: 'caller-entered', callId: 'c1', queue: 'q', callerIdNumber: '1', callerIdName: 'x', priority: Number.NaN }, 'invalid-config'],
      [{ kind: 'caller-entered', callId: '', queue: 'q', callerIdNumber: '1', callerIdName: 'x' }, 'invalid-config'],
    ];
    for (const [input, code] of bad) assert.equal(sc.send(input, true).error?.code, code, JSON.stringify(input));
    sc.agent('a1');
    assert.equal(sc.send({ kind: 'agent-status-set', agentId: 'a1', status: 'available' as never }, true).error?.code, 'invalid-config');
  });
});
