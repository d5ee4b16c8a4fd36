import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Scenario, types } from './support/scenario.js';

describe('engine basics', () => {
  test('a caller is offered to the longest idle agent and connected', () => {
    const sc = new Scenario().queue('q').agents('q', 2);
    const out = sc.enter('c1', 'q');
    assert.deepEqual(types(out), ['ENTERQUEUE', 'OFFER']);
    const ring = sc.ringFor('c1');
    assert.equal(ring.agentId, 'a1');
    sc.now += 5000;
    const ans = sc.answer(ring.offerId);
    assert.deepEqual(types(ans), ['CONNECT']);
    assert.equal(ans.commands[0]?.kind, 'bridge');
    assert.equal(sc.agentSnap('a1').state, 'In a queue call');
    sc.now += 60_000;
    const end = sc.end('c1');
    assert.deepEqual(types(end), ['COMPLETEAGENT']);
    assert.equal(end.events[0]?.data['talkSeconds'], 60);
    assert.equal(end.events[0]?.data['waitSeconds'], 5);
  });
});
