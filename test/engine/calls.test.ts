// Callers and calls: ordering, positions, refusals, exits, answers after the caller left,
// call ends and transfers, manual assignment, removals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { estimatedWaitSeconds } from '../../src/engine/estimated-wait.js';
import { Scenario, types } from './support/scenario.js';

describe('global caller order', () => {
  /** Two queues served by one agent, who is busy while the callers arrive. */
  function shared(): Scenario {
    const sc = new Scenario().queue('low').queue('high', { priority: 5 }).agent('a1').tier('low', 'a1').tier('high', 'a1');
    sc.status('a1', 'On Break');
    return sc;
  }

  function nextTaken(sc: Scenario): string {
    if (sc.agentSnap('a1').status !== 'Available') sc.status('a1', 'Available');
    const ring = sc.liveRings().find((r) => r.agentId === 'a1');
    assert.ok(ring);
    sc.connect(ring.callId, 'a1');
    sc.end(ring.callId);
    return ring.callId;
  }

  test('queue priority first, then caller priority, then wait', () => {
    const sc = shared();
    sc.enter('low-old', 'low', { priority: 9 });
    sc.now += 1000;
    sc.enter('high-new', 'high');
    sc.now += 1000;
    sc.enter('high-vip', 'high', { priority: 1 });
    sc.now += 1000;
    sc.enter('high-newest', 'high');
    assert.deepEqual([1, 2, 3, 4].map(() => nextTaken(sc)), ['high-vip', 'high-new', 'high-newest', 'low-old']);
  });

  test('base score counts as seconds already waited', () => {
    const sc = shared();
    sc.enter('first', 'low');
    sc.now += 10_000;
    sc.enter('scored', 'low', { baseScoreSeconds: 30 });
    assert.deepEqual(sc.snapshot().members.map((m) => [m.callId, m.position]), [
      ['scored', 1],
      ['first', 2],
    ]);
    assert.equal(nextTaken(sc), 'scored');
  });

  test("time-base-score=system adds the caller's time in the system", () => {
    const sc = new Scenario().queue('q', { timeBaseScore: 'system' });
    sc.enter('first', 'q');
    sc.now += 10_000;
    sc.enter('ivr', 'q', { secondsInSystem: 15 });
    assert.equal(sc.memberSnap('ivr')?.position, 1);
    const plain = new Scenario().queue('q');
    plain.enter('first', 'q');
    plain.now += 10_000;
    plain.enter('ivr', 'q', { secondsInSystem: 15 });
    assert.equal(plain.memberSnap('ivr')?.position, 2);
  });

  test('equal scores: arrival order', () => {
    const sc = shared();
    sc.enter('x', 'low');
    sc.enter('y', 'low');
    assert.deepEqual([nextTaken(sc), nextTaken(sc)], ['x', 'y']);
  });

  test('positions count callers not yet connected; CONNECT carries position and originalPosition', () => {
    const sc = new Scenario().queue('q').agents('q', 1);
    sc.status('a1', 'On Break');
    for (const c of ['c1', 'c2', 'c3']) sc.enter(c, 'q');
    sc.send({ kind: 'caller-left', callId: 'c1' });
    assert.deepEqual(sc.snapshot().members.map((m) => [m.callId, m.position]), [
      ['c2', 1],
      ['c3', 2],
    ]);
    sc.status('a1', 'Available');
    const out = sc.answer(sc.ringFor('c2').offerId);
    assert.equal(out.events[0]?.data['position'], 1);
    assert.equal(out.events[0]?.data['originalPosition'], 2);
    assert.equal(sc.memberSnap('c3')?.position, 1);
    assert.equal(sc.memberSnap('c2')?.position, null);
  });
});

describe('joining', () => {
  test('FULL at maxCallers: no ENTERQUEUE, exit full', () => {
    const sc = new Scenario().queue('q', { maxCallers: 1, timeoutDestination: 'vm' });
    sc.enter('c1', 'q');
    const out = sc.enter('c2', 'q');
    assert.deepEqual(types(out), ['FULL']);
    assert.deepEqual(out.events[0]?.data, { callerIdNumber: 'n-c2', maxCallers: 1, destination: 'vm' });
    assert.deepEqual(out.commands, [{ kind: 'exit', callId: 'c2', queue: 'q', reason: 'full', destination: 'vm' }]);
  });

  test('JOINEMPTY by join policy', () => {
    const sc = new Scenario().queue('q', { joinPolicy: 'require-available', emptyDestination: 'closed' }).agents('q', 1);
    sc.status('a1', 'On Break');
    const out = sc.enter('c1', 'q');
    assert.deepEqual(types(out), ['JOINEMPTY']);
    assert.deepEqual(out.commands, [{ kind: 'exit', callId: 'c1', queue: 'q', reason: 'join-empty', destination: 'closed' }]);
    sc.queue('q', { joinPolicy: 'require-logged-in' });
    assert.deepEqual(types(sc.enter('c2', 'q')), ['ENTERQUEUE']);
    sc.status('a1', 'Logged Out');
    assert.deepEqual(types(sc.enter('c3', 'q')), ['JOINEMPTY']);
  });

  test('leave policy: waiting callers leave when the last agent logs out', () => {
    const sc = new Scenario().queue('q', { leavePolicy: 'when-none-logged-in' }).agents('q', 1);
    sc.status('a1', 'On Break');
    sc.enter('c1', 'q');
    const out = sc.status('a1', 'Logged Out');
    assert.deepEqual(types(out), ['UNPAUSE', 'AGENTLOGOFF', 'EXITEMPTY']);
    assert.equal(out.events[2]?.data['reason'], 'leave-policy');
  });

  test('a duplicate call id is refused', () => {
    const sc = new Scenario().queue('q');
    sc.enter('c1', 'q');
    assert.equal(sc.send({ kind: 'caller-entered', callId: 'c1', queue: 'q', callerIdNumber: '1', callerIdName: 'x' }, true).error?.code, 'duplicate-call');
    assert.equal(sc.send({ kind: 'caller-entered', callId: 'c9', queue: 'nope', callerIdNumber: '1', callerIdName: 'x' }, true).error?.code, 'unknown-queue');
  });
});

describe('leaving and keys', () => {
  test('caller-left while ringing: cancel-ring (caller-left), RINGCANCELED, then ABANDON ringing=true', () => {
    const sc = new Scenario().queue('q').agents('q', 1);
    sc.enter('c1', 'q');
    const ring = sc.ringFor('c1');
    const out = sc.send({ kind: 'caller-left', callId: 'c1' });
    assert.deepEqual(out.commands, [{ kind: 'cancel-ring', offerId: ring.offerId, callId: 'c1', agentId: 'a1', reason: 'caller-left' }]);
    assert.deepEqual(types(out), ['RINGCANCELED', 'ABANDON']);
    assert.equal(out.events[1]?.data['ringing'], true);
    assert.equal(sc.agentSnap('a1').state, 'Waiting');
  });

  test('an offer answered after the caller left is hung up; the agent stays free', () => {
    const sc = new Scenario().queue('q').agents('q', 1);
    sc.enter('c1', 'q');
    const ring = sc.ringFor('c1');
    sc.send({ kind: 'caller-left', callId: 'c1' });
    const late = sc.answer(ring.offerId);
    assert.equal(late.error, null);
    assert.deepEqual(late.commands, [{ kind: 'cancel-ring', offerId: ring.offerId, callId: 'c1', agentId: 'a1', reason: 'caller-left' }]);
    assert.deepEqual(late.events, []);
    assert.equal(sc.agentSnap('a1').state, 'Waiting');
    assert.equal(sc.answer(ring.offerId).error?.code, 'stale');
  });

  test('inputs about calls that ended are stale; unknown ones are unknown', () => {
    const sc = new Scenario().queue('q');
    sc.enter('c1', 'q');
    sc.send({ kind: 'caller-left', callId: 'c1' });
    assert.equal(sc.send({ kind: 'caller-left', callId: 'c1' }, true).error?.code, 'stale');
    assert.equal(sc.send({ kind: 'call-ended', callId: 'zz', by: 'agent' }, true).error?.code, 'unknown-call');
    assert.equal(sc.failOffer('o99').error?.code, 'stale');
  });

  test('an exit key sends the caller to its destination; other keys are ignored', () => {
    const sc = new Scenario().queue('q', { exitKeys: [{ key: '0', destination: 'operator' }] });
    sc.enter('c1', 'q');
    const other = sc.send({ kind: 'caller-key', callId: 'c1', key: '5' });
    assert.deepEqual([other.events, other.commands], [[], []]);
    const out = sc.send({ kind: 'caller-key', callId: 'c1', key: '0' });
    assert.deepEqual(types(out), ['EXITWITHKEY']);
    assert.equal(out.events[0]?.data['cancelReason'], 'EXIT_WITH_KEY');
    assert.deepEqual(out.commands, [{ kind: 'exit', callId: 'c1', queue: 'q', reason: 'key', destination: 'operator' }]);
  });
});

describe('connected calls', () => {
  test('COMPLETECALLER, talk time added to the agent', () => {
    const sc = new Scenario().queue('q').agents('q', 1);
    sc.enter('c1', 'q');
    sc.now += 4000;
    sc.connect('c1');
    sc.now += 90_000;
    const out = sc.end('c1', 'caller');
    assert.deepEqual(out.events.map((e) => [e.type, e.data]), [['COMPLETECALLER', { waitSeconds: 4, talkSeconds: 90, originalPosition: 1 }]]);
    assert.equal(sc.agentSnap('a1').talkSeconds, 90);
    assert.equal(sc.agentSnap('a1').lastBridgeEndAt, sc.now);
  });

  test('transfers end the queue call for the agent', () => {
    const sc = new Scenario().queue('q').agents('q', 1);
    sc.enter('c1', 'q');
    sc.connect('c1');
    const blind = sc.send({ kind: 'call-transferred', callId: 'c1', transfer: 'blind', target: '2000' });
    assert.deepEqual(types(blind), ['BLINDTRANSFER']);
    assert.equal(blind.events[0]?.data['target'], '2000');
    assert.equal(sc.agentSnap('a1').state, 'Waiting');
    sc.enter('c2', 'q');
    sc.connect('c2');
    assert.deepEqual(types(sc.send({ kind: 'call-transferred', callId: 'c2', transfer: 'attended', target: '3000' })), ['TRANSFER']);
  });

  test('estimated wait: max(0, k − F) × H / N, H learnt from completed calls', () => {
    assert.equal(estimatedWaitSeconds(3, 2, 0, 100), 150);
    assert.equal(estimatedWaitSeconds(1, 2, 1, 100), 0);
    assert.equal(estimatedWaitSeconds(4, 2, 1, 100), 150);
    assert.equal(estimatedWaitSeconds(1, 0, 0, 100), null);
    const sc = new Scenario().queue('q', { defaultHandleSeconds: 100 }).agents('q', 1);
    assert.equal(sc.snapshot().queues[0]?.estimatedWaitSeconds, 0);
    sc.enter('c1', 'q');
    sc.connect('c1');
    assert.equal(sc.snapshot().queues[0]?.estimatedWaitSeconds, 100);
    sc.now += 200_000;
    sc.end('c1');
    sc.enter('c2', 'q');
    sc.connect('c2');
    // H = 100 + 0.2 × (200 − 100) = 120.
    assert.equal(sc.snapshot().queues[0]?.estimatedWaitSeconds, 120);
  });
});

describe('manual assignment', () => {
  function manual(): Scenario {
    return new Scenario().queue('m', { assignment: 'manual' }).queue('auto').agent('a1').tier('m', 'a1').tier('auto', 'a1');
  }

  test('callers of a manual queue are never offered automatically', () => {
    const sc = manual();
    sc.enter('c1', 'm');
    assert.deepEqual(sc.rungNow(), []);
  });

  test('agent-request-call offers the best waiting caller, or the one asked for', () => {
    const sc = manual();
    sc.enter('c1', 'm');
    sc.enter('c2', 'm');
    const out = sc.send({ kind: 'agent-request-call', agentId: 'a1' });
    assert.deepEqual(types(out), ['OFFER']);
    assert.equal(sc.ringFor('c1').agentId, 'a1');
    assert.equal(sc.send({ kind: 'agent-request-call', agentId: 'a1' }, true).error?.code, 'agent-busy');
    sc.failOffer(sc.ringFor('c1').offerId);
    assert.deepEqual(sc.rungNow(), [], 'not re-offered automatically');
    sc.send({ kind: 'agent-request-call', agentId: 'a1', callId: 'c2' });
    assert.equal(sc.ringFor('c2').agentId, 'a1');
  });

  test('errors: not-manual, no-caller, unknown-call', () => {
    const sc = manual();
    sc.agent('a2').tier('auto', 'a2');
    assert.equal(sc.send({ kind: 'agent-request-call', agentId: 'a2' }, true).error?.code, 'not-manual');
    assert.equal(sc.send({ kind: 'agent-request-call', agentId: 'a1' }, true).error?.code, 'no-caller');
    assert.equal(sc.send({ kind: 'agent-request-call', agentId: 'a1', callId: 'zz' }, true).error?.code, 'unknown-call');
  });
});

describe('removals', () => {
  test('queue removed: waiting callers leave (EXITEMPTY queue-removed), connected calls go on', () => {
    const sc = new Scenario().queue('q', { emptyDestination: 'gone' }).agents('q', 2);
    sc.enter('c1', 'q');
    sc.connect('c1');
    sc.enter('c2', 'q');
    const ring = sc.ringFor('c2');
    const out = sc.send({ kind: 'queue-removed', queue: 'q' });
    assert.deepEqual(types(out), ['RINGCANCELED', 'EXITEMPTY', 'REMOVEMEMBER', 'REMOVEMEMBER']);
    assert.equal(out.events[1]?.data['reason'], 'queue-removed');
    assert.deepEqual(out.commands, [
      { kind: 'cancel-ring', offerId: ring.offerId, callId: 'c2', agentId: ring.agentId, reason: 'removed' },
      { kind: 'exit', callId: 'c2', queue: 'q', reason: 'queue-removed', destination: 'gone' },
    ]);
    assert.deepEqual(types(sc.end('c1')), ['COMPLETEAGENT']);
  });

  test('agent removed while ringing: the ring is cancelled and the caller offered to another', () => {
    const sc = new Scenario().queue('q').agents('q', 2);
    sc.enter('c1', 'q');
    const out = sc.send({ kind: 'agent-removed', agentId: 'a1' });
    assert.deepEqual(types(out), ['RINGCANCELED', 'REMOVEMEMBER', 'OFFER']);
    assert.equal(sc.ringFor('c1').agentId, 'a2');
  });

  test('tier added: ADDMEMBER and the agent takes a waiting caller; tier removed: REMOVEMEMBER', () => {
    const sc = new Scenario().queue('q').agent('a1');
    sc.enter('c1', 'q');
    const add = sc.send({ kind: 'tier-upserted', tier: { queue: 'q', agentId: 'a1', level: 2, position: 3 } });
    assert.deepEqual(add.events.map((e) => [e.type, e.data]), [['ADDMEMBER', { level: 2, position: 3 }], ['OFFER', { offerId: 'o1', position: 1, ringTimeoutSeconds: 30 }]]);
    const removed = sc.send({ kind: 'tier-removed', queue: 'q', agentId: 'a1' });
    assert.deepEqual(types(removed), ['RINGCANCELED', 'REMOVEMEMBER']);
  });
});
