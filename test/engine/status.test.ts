// Agent status transitions and their events.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Scenario, types } from './support/scenario.js';

describe('agent status', () => {
  test('dynamic agents start Logged Out, static ones Available; restoreStatus is applied silently', () => {
    const sc = new Scenario().queue('q');
    sc.send({ kind: 'agent-upserted', agent: { id: 'd', name: 'd', contact: 'user/d', type: 'dynamic', maxNoAnswer: 0, wrapUpSeconds: null, rejectDelaySeconds: 0, busyDelaySeconds: 0, noAnswerDelaySeconds: 0, notRegisteredDelaySeconds: 5 } });
    sc.send({ kind: 'agent-upserted', agent: { id: 's', name: 's', contact: 'user/s', type: 'static', maxNoAnswer: 0, wrapUpSeconds: null, rejectDelaySeconds: 0, busyDelaySeconds: 0, noAnswerDelaySeconds: 0, notRegisteredDelaySeconds: 5 } });
    sc.agent('r', {}, 'On Break');
    assert.equal(sc.agentSnap('d').status, 'Logged Out');
    assert.equal(sc.agentSnap('s').status, 'Available');
    assert.equal(sc.agentSnap('r').status, 'On Break');
    assert.equal(sc.allEvents().filter((e) => e.type !== 'ADDMEMBER').length, 0);
  });

  test('login, pause with a reason, unpause, logoff: their events and data', () => {
    const sc = new Scenario().agent('a1', {}, 'Logged Out');
    assert.deepEqual(types(sc.status('a1', 'Available')), ['AGENTLOGIN']);
    assert.deepEqual(sc.last.events[0]?.data, { status: 'Available', source: 'test' });
    sc.now += 60_000;
    const pause = sc.status('a1', 'On Break', 'lunch');
    assert.deepEqual(types(pause), ['PAUSE']);
    assert.deepEqual(pause.events[0]?.data, { reason: 'lunch', source: 'test', noAnswerCount: 0 });
    assert.equal(sc.agentSnap('a1').pauseReason, 'lunch');
    sc.now += 30_000;
    const unpause = sc.status('a1', 'Available (On Demand)');
    assert.deepEqual(types(unpause), ['UNPAUSE']);
    assert.deepEqual(unpause.events[0]?.data, { reason: 'lunch', pausedSeconds: 30, source: 'test' });
    assert.deepEqual(types(sc.status('a1', 'Available')), ['AGENTSTATUS']);
    assert.deepEqual(sc.last.events[0]?.data, { from: 'Available (On Demand)', to: 'Available', source: 'test' });
    sc.now += 10_000;
    const off = sc.status('a1', 'Logged Out');
    assert.deepEqual(types(off), ['AGENTLOGOFF']);
    assert.equal(off.events[0]?.data['loggedInSeconds'], 100);
  });

  test('On Break -> Logged Out: UNPAUSE then AGENTLOGOFF; Logged Out -> On Break: AGENTLOGIN then PAUSE', () => {
    const sc = new Scenario().agent('a1', {}, 'Logged Out');
    assert.deepEqual(types(sc.status('a1', 'On Break', 'meeting')), ['AGENTLOGIN', 'PAUSE']);
    assert.deepEqual(types(sc.status('a1', 'Logged Out')), ['UNPAUSE', 'AGENTLOGOFF']);
  });

  test('the same status again: no event, no error', () => {
    const sc = new Scenario().agent('a1');
    const out = sc.status('a1', 'Available');
    assert.equal(out.error, null);
    assert.deepEqual(out.events, []);
  });

  test('a static agent cannot log out', () => {
    const sc = new Scenario().agent('s', { type: 'static' });
    const out = sc.status('s', 'Logged Out');
    assert.equal(out.error?.code, 'static-agent');
    assert.match(out.error?.message ?? '', /agent s is static: always logged in; pause it instead/);
    assert.equal(sc.agentSnap('s').status, 'Available');
  });

  test('becoming Available resets calls answered, talk time and no-answer count', () => {
    const sc = new Scenario().queue('q').agents('q', 1);
    sc.enter('c1', 'q');
    sc.failOffer(sc.ringFor('c1').offerId);
    sc.connect('c1');
    sc.now += 40_000;
    sc.end('c1');
    sc.enter('c2', 'q');
    sc.failOffer(sc.ringFor('c2').offerId);
    assert.deepEqual([sc.agentSnap('a1').callsAnswered, sc.agentSnap('a1').talkSeconds, sc.agentSnap('a1').noAnswerCount], [1, 40, 1]);
    sc.status('a1', 'Available (On Demand)');
    assert.equal(sc.agentSnap('a1').callsAnswered, 1, 'On Demand does not reset');
    sc.status('a1', 'Available');
    assert.deepEqual([sc.agentSnap('a1').callsAnswered, sc.agentSnap('a1').talkSeconds, sc.agentSnap('a1').noAnswerCount], [0, 0, 0]);
  });

  test('leaving Available cancels the ringing offer (status-change) without re-offering the agent', () => {
    const sc = new Scenario().queue('q').agents('q', 2);
    sc.enter('c1', 'q');
    const ring = sc.ringFor('c1');
    const out = sc.status('a1', 'On Break');
    assert.deepEqual(out.commands[0], { kind: 'cancel-ring', offerId: ring.offerId, callId: 'c1', agentId: 'a1', reason: 'status-change' });
    assert.deepEqual(types(out), ['PAUSE', 'RINGCANCELED', 'OFFER']);
    assert.equal(sc.ringFor('c1').agentId, 'a2');
    assert.equal(sc.agentSnap('a1').noAnswerCount, 0);
    assert.equal(sc.agentSnap('a1').readyAt, 0);
  });

  test('Available -> On Demand while ringing keeps the offer', () => {
    const sc = new Scenario().queue('q').agents('q', 1);
    sc.enter('c1', 'q');
    const out = sc.status('a1', 'Available (On Demand)');
    assert.deepEqual(out.commands, []);
    assert.equal(sc.ringFor('c1').agentId, 'a1');
  });

  test('On Demand: Idle after a bridged call until agent-ready; a failed offer goes back to Waiting', () => {
    const sc = new Scenario().queue('q').agents('q', 1);
    sc.status('a1', 'Available (On Demand)');
    sc.enter('c1', 'q');
    sc.failOffer(sc.ringFor('c1').offerId);
    assert.equal(sc.agentSnap('a1').state, 'Receiving', 'failed offer: Waiting, then offered again');
    sc.connect('c1');
    sc.end('c1');
    assert.equal(sc.agentSnap('a1').state, 'Idle');
    sc.enter('c2', 'q');
    assert.deepEqual(sc.rungNow(), []);
    const ready = sc.send({ kind: 'agent-ready', agentId: 'a1' });
    assert.deepEqual(types(ready), ['OFFER']);
  });

  test('the On Demand status at offer time counts, not the status at the end of the call', () => {
    const sc = new Scenario().queue('q').agents('q', 1);
    sc.enter('c1', 'q');
    sc.connect('c1');
    sc.status('a1', 'Available (On Demand)');
    sc.end('c1');
    assert.equal(sc.agentSnap('a1').state, 'Waiting');
  });

  test('max-no-answer pauses the agent (source and reason max-no-answer)', () => {
    const sc = new Scenario().queue('q').agents('q', 1, { maxNoAnswer: 2 });
    sc.enter('c1', 'q');
    sc.failOffer(sc.ringFor('c1').offerId);
    const out = sc.failOffer(sc.ringFor('c1').offerId);
    assert.deepEqual(types(out), ['RINGNOANSWER', 'PAUSE']);
    assert.deepEqual(out.events[1]?.data, { reason: 'max-no-answer', source: 'max-no-answer', noAnswerCount: 2 });
    assert.equal(sc.agentSnap('a1').status, 'On Break');
    assert.equal(sc.memberSnap('c1')?.state, 'waiting');
  });

  test("max-no-answer with the queue's agentNoAnswerStatus Logged Out logs the agent off", () => {
    const sc = new Scenario().queue('q', { agentNoAnswerStatus: 'Logged Out' }).agents('q', 1, { maxNoAnswer: 1 });
    sc.enter('c1', 'q');
    assert.deepEqual(types(sc.failOffer(sc.ringFor('c1').offerId)), ['RINGNOANSWER', 'AGENTLOGOFF']);
  });

  test('an answer resets the no-answer count', () => {
    const sc = new Scenario().queue('q').agents('q', 1, { maxNoAnswer: 2 });
    sc.enter('c1', 'q');
    sc.failOffer(sc.ringFor('c1').offerId);
    sc.connect('c1');
    assert.equal(sc.agentSnap('a1').noAnswerCount, 0);
  });

  test('external calls keep the agent from queues that skip them', () => {
    const sc = new Scenario().queue('skip').queue('keep', { skipAgentsWithExternalCalls: false }).agent('a1').tier('skip', 'a1').tier('keep', 'a1');
    sc.send({ kind: 'agent-external-call', agentId: 'a1', active: true });
    sc.enter('c1', 'skip');
    assert.deepEqual(sc.rungNow(), []);
    sc.enter('c2', 'keep');
    assert.deepEqual(sc.rungNow(), ['a1']);
    sc.failOffer(sc.ringFor('c2').offerId, 'USER_BUSY');
    sc.send({ kind: 'caller-left', callId: 'c2' });
    const off = sc.send({ kind: 'agent-external-call', agentId: 'a1', active: false });
    assert.deepEqual(types(off), ['OFFER']);
    assert.equal(sc.ringFor('c1').agentId, 'a1');
  });
});
