// Deadlines: max wait, the no-agent rule, tier gates, ring time, wrap-up, delays,
// announcements, abandoned callers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Scenario, T0, types } from './support/scenario.js';

const at = (sc: Scenario): number => (sc.now - T0) / 1000;

describe('max wait', () => {
  test('EXITWITHTIMEOUT and an exit to the timeout destination', () => {
    const sc = new Scenario().queue('q', { maxWaitSeconds: 60, timeoutDestination: 'voicemail' });
    sc.enter('c1', 'q');
    assert.equal(sc.engine.nextDeadline(), T0 + 60_000);
    const [fired] = sc.advance(60);
    assert.ok(fired);
    assert.deepEqual(types(fired), ['EXITWITHTIMEOUT']);
    assert.deepEqual(fired.events[0]?.data, {
      position: 1,
      originalPosition: 1,
      waitSeconds: 60,
      destination: 'voicemail',
      cancelReason: 'TIMEOUT',
    });
    assert.deepEqual(fired.commands, [{ kind: 'exit', callId: 'c1', queue: 'q', reason: 'timeout', destination: 'voicemail' }]);
  });

  test('with an offer ringing, the caller leaves once it fails (FS-10237)', () => {
    const sc = new Scenario().queue('q', { maxWaitSeconds: 60, maxRingSeconds: 120 }).agents('q', 1);
    sc.enter('c1', 'q');
    sc.advance(70);
    assert.equal(sc.events('EXITWITHTIMEOUT').length, 0);
    const out = sc.failOffer(sc.ringFor('c1').offerId);
    assert.deepEqual(types(out), ['RINGNOANSWER', 'EXITWITHTIMEOUT']);
    assert.equal(out.commands.filter((c) => c.kind === 'ring').length, 0);
  });

  test('with an offer ringing, an answer still connects', () => {
    const sc = new Scenario().queue('q', { maxWaitSeconds: 60, maxRingSeconds: 120 }).agents('q', 1);
    sc.enter('c1', 'q');
    sc.advance(70);
    sc.connect('c1');
    assert.equal(sc.memberSnap('c1')?.state, 'connected');
  });
});

describe('no-agent rule (max-wait-time-with-no-agent)', () => {
  test('a queue empty for long: the caller leaves max + time-reached after joining', () => {
    const sc = new Scenario().queue('q', {
      maxWaitWithNoAgentSeconds: 30,
      maxWaitWithNoAgentTimeReachedSeconds: 5,
      emptyDestination: 'closed',
    });
    sc.now += 3_600_000;
    const joined = sc.now;
    sc.enter('c1', 'q');
    assert.equal(sc.engine.nextDeadline(), joined + 35_000);
    const [fired] = sc.advance(35);
    assert.ok(fired);
    assert.deepEqual(types(fired), ['EXITEMPTY']);
    assert.equal(fired.events[0]?.data['reason'], 'no-agent-timeout');
    assert.equal(fired.events[0]?.data['cancelReason'], 'NO_AGENT_TIMEOUT');
    assert.deepEqual(fired.commands, [{ kind: 'exit', callId: 'c1', queue: 'q', reason: 'empty', destination: 'closed' }]);
  });

  test('without grace, a caller joining a long-empty queue leaves at once', () => {
    const sc = new Scenario().queue('q', { maxWaitWithNoAgentSeconds: 30, maxWaitWithNoAgentTimeReachedSeconds: 0 });
    assert.deepEqual(types(sc.enter('c1', 'q')), ['ENTERQUEUE', 'EXITEMPTY']);
  });

  test('the last agent logging out starts the clock; max(since + max, join + grace + max)', () => {
    const sc = new Scenario()
      .queue('q', { maxWaitWithNoAgentSeconds: 30, maxWaitWithNoAgentTimeReachedSeconds: 5, maxRingSeconds: 5 })
      .agents('q', 1);
    sc.status('a1', 'On Break'); // On Break still counts as an agent
    sc.enter('c1', 'q');
    sc.advance(10);
    sc.status('a1', 'Logged Out');
    sc.enter('c2', 'q'); // joins at 10: grace term 10 + 35 = 45 > 10 + 30
    sc.advance(29.9);
    assert.equal(sc.events('EXITEMPTY').length, 0);
    sc.advance(0.1);
    assert.deepEqual(sc.events('EXITEMPTY').map((e) => [e.callId, at(sc)]), [['c1', 40]]);
    sc.advance(5);
    assert.deepEqual(sc.events('EXITEMPTY').map((e) => e.callId), ['c1', 'c2']);
  });

  test('an agent logging in again stops the clock', () => {
    const sc = new Scenario().queue('q', { maxWaitWithNoAgentSeconds: 30 }).agents('q', 1);
    sc.status('a1', 'On Break');
    sc.enter('c1', 'q');
    sc.status('a1', 'Logged Out');
    sc.advance(20);
    sc.status('a1', 'On Break');
    sc.advance(100);
    assert.equal(sc.events('EXITEMPTY').length, 0);
  });
});

describe('tier rules', () => {
  function tiered(rules: { wait: number; multiply: boolean; noAgentNoWait: boolean }): Scenario {
    return new Scenario().queue('q', {
      tierRulesApply: true,
      tierRuleWaitSeconds: rules.wait,
      tierRuleWaitMultiplyLevel: rules.multiply,
      tierRuleNoAgentNoWait: rules.noAgentNoWait,
      maxRingSeconds: 300,
    });
  }

  test('no-agent-no-wait=false: even level 1 waits wait-second; level 0 rings at once', () => {
    const sc = tiered({ wait: 10, multiply: false, noAgentNoWait: false }).agent('a1').tier('q', 'a1', 1, 1);
    sc.enter('c1', 'q');
    assert.deepEqual(sc.rungNow(), []);
    sc.advance(9.999);
    assert.equal(sc.liveRings().length, 0);
    sc.advance(0.001);
    assert.equal(sc.ringFor('c1').agentId, 'a1');
    const level0 = tiered({ wait: 10, multiply: false, noAgentNoWait: false }).agent('z').tier('q', 'z', 0, 1);
    level0.enter('c1', 'q');
    assert.deepEqual(level0.rungNow(), ['z']);
  });

  test('multiply-level: level L opens L × wait-second after the join', () => {
    const sc = tiered({ wait: 10, multiply: true, noAgentNoWait: false }).agent('a1').tier('q', 'a1', 3, 1);
    sc.enter('c1', 'q');
    sc.advance(29.9);
    assert.equal(sc.liveRings().length, 0);
    sc.advance(0.1);
    assert.equal(sc.ringFor('c1').agentId, 'a1');
  });

  test('no-agent-no-wait=true: the first level opens at once; the next waits while the first has logged-in agents', () => {
    const sc = tiered({ wait: 10, multiply: true, noAgentNoWait: true });
    sc.agent('a1').tier('q', 'a1', 1, 1).agent('b1').tier('q', 'b1', 2, 1);
    sc.status('a1', 'On Break'); // logged in, not eligible: level 2 must wait 20 s
    sc.enter('c1', 'q');
    assert.deepEqual(sc.rungNow(), []);
    sc.advance(19.9);
    assert.equal(sc.liveRings().length, 0);
    sc.advance(0.1);
    assert.equal(sc.ringFor('c1').agentId, 'b1');
  });

  test('no-agent-no-wait=true: a level whose agents are all logged out is skipped without waiting', () => {
    const sc = tiered({ wait: 10, multiply: true, noAgentNoWait: true });
    sc.agent('a1', {}, 'Logged Out').tier('q', 'a1', 1, 1).agent('b1').tier('q', 'b1', 2, 1);
    sc.enter('c1', 'q');
    assert.deepEqual(sc.rungNow(), ['b1']);
  });

  test('a level opening re-dispatches a ringing ring-all caller to the new level', () => {
    const sc = new Scenario()
      .queue('q', { strategy: 'ring-all', tierRulesApply: true, tierRuleWaitSeconds: 10, tierRuleWaitMultiplyLevel: true, tierRuleNoAgentNoWait: true, maxRingSeconds: 300 })
      .agent('a1')
      .tier('q', 'a1', 1, 1)
      .agent('b1')
      .tier('q', 'b1', 2, 1);
    sc.enter('c1', 'q');
    assert.deepEqual(sc.rungNow(), ['a1']);
    sc.advance(20);
    assert.deepEqual(sc.liveRings().map((r) => r.agentId).sort(), ['a1', 'b1']);
  });
});

describe('ring time', () => {
  test('at maxRingSeconds the ring is cancelled (ring-timeout) and counts as a no-answer', () => {
    const sc = new Scenario().queue('q', { maxRingSeconds: 20 }).agents('q', 2);
    sc.enter('c1', 'q');
    const ring = sc.ringFor('c1');
    assert.equal(ring.timeoutSeconds, 20);
    const [fired] = sc.advance(20);
    assert.ok(fired);
    assert.deepEqual(fired.commands[0], { kind: 'cancel-ring', offerId: ring.offerId, callId: 'c1', agentId: 'a1', reason: 'ring-timeout' });
    assert.deepEqual(types(fired), ['RINGNOANSWER', 'OFFER']);
    assert.equal(fired.events[0]?.data['ringMs'], 20_000);
    assert.equal(sc.agentSnap('a1').noAnswerCount, 1);
    // The shell's own failure report for that leg comes later: stale.
    assert.equal(sc.failOffer(ring.offerId).error?.code, 'stale');
  });
});

describe('wrap-up', () => {
  test('the agent is not offered during wrap-up; WRAPUPSTART / WRAPUPEND', () => {
    const sc = new Scenario().queue('q').agents('q', 1, { wrapUpSeconds: 15 });
    sc.enter('c1', 'q');
    sc.connect('c1');
    sc.now += 30_000;
    const end = sc.end('c1');
    assert.deepEqual(types(end), ['COMPLETEAGENT', 'WRAPUPSTART']);
    assert.equal(end.events[1]?.data['seconds'], 15);
    sc.enter('c2', 'q');
    assert.deepEqual(sc.rungNow(), []);
    assert.equal(sc.agentSnap('a1').wrapUpUntil, sc.now + 15_000);
    const [fired] = sc.advance(15);
    assert.ok(fired);
    assert.deepEqual(types(fired), ['WRAPUPEND', 'OFFER']);
    assert.equal(fired.events[0]?.data['wrapSeconds'], 15);
  });

  test("the queue's wrap-up applies when the agent has none; agent-ready ends it early", () => {
    const sc = new Scenario().queue('q', { wrapUpSeconds: 60 }).agents('q', 1);
    sc.enter('c1', 'q');
    sc.connect('c1');
    sc.end('c1');
    sc.enter('c2', 'q');
    sc.now += 5000;
    const out = sc.send({ kind: 'agent-ready', agentId: 'a1' });
    assert.deepEqual(types(out), ['WRAPUPEND', 'OFFER']);
    assert.equal(out.events[0]?.data['wrapSeconds'], 5);
  });
});

describe('offer failure delays', () => {
  const delays = { busyDelaySeconds: 5, rejectDelaySeconds: 7, noAnswerDelaySeconds: 9, notRegisteredDelaySeconds: 11 };
  const cases: [string, string, number, number][] = [
    ['USER_BUSY', 'RINGBUSY', 5, 0],
    ['NORMAL_CIRCUIT_CONGESTION', 'RINGBUSY', 5, 0],
    ['CALL_REJECTED', 'RINGREJECTED', 7, 0],
    ['USER_NOT_REGISTERED', 'RINGUNAVAILABLE', 11, 0],
    ['SUBSCRIBER_ABSENT', 'RINGUNAVAILABLE', 11, 0],
    ['NO_ANSWER', 'RINGNOANSWER', 9, 1],
    ['ALLOTTED_TIMEOUT', 'RINGNOANSWER', 9, 1],
  ];
  for (const [cause, event, delay, counted] of cases) {
    test(`${cause}: ${event}, ${delay} s before the next offer, no-answer count +${counted}`, () => {
      const sc = new Scenario().queue('q').agents('q', 1, delays);
      sc.enter('c1', 'q');
      sc.now += 3000;
      const out = sc.failOffer(sc.ringFor('c1').offerId, cause);
      assert.deepEqual(types(out), [event]);
      assert.deepEqual(out.events[0]?.data, { offerId: 'o1', ringMs: 3000, cause });
      assert.equal(sc.agentSnap('a1').readyAt, sc.now + delay * 1000);
      assert.equal(sc.agentSnap('a1').noAnswerCount, counted);
      sc.advance(delay - 0.001);
      assert.equal(sc.liveRings().length, 0);
      sc.advance(0.001);
      assert.equal(sc.ringFor('c1').agentId, 'a1');
    });
  }

  test('LOSE_RACE / ORIGINATOR_CANCEL: no delay, no count, the caller is offered again', () => {
    const sc = new Scenario().queue('q').agents('q', 1, delays);
    sc.enter('c1', 'q');
    const out = sc.failOffer(sc.ringFor('c1').offerId, 'ORIGINATOR_CANCEL');
    assert.deepEqual(types(out), ['RINGCANCELED', 'OFFER']);
    assert.equal(sc.agentSnap('a1').noAnswerCount, 0);
  });

  test('offer-rejected: cancel-ring (rejected) and the reject delay, not a no-answer', () => {
    const sc = new Scenario().queue('q').agents('q', 1, { ...delays, maxNoAnswer: 1 });
    sc.enter('c1', 'q');
    const ring = sc.ringFor('c1');
    const out = sc.send({ kind: 'offer-rejected', offerId: ring.offerId });
    assert.deepEqual(out.commands, [{ kind: 'cancel-ring', offerId: ring.offerId, callId: 'c1', agentId: 'a1', reason: 'rejected' }]);
    assert.deepEqual(types(out), ['RINGREJECTED']);
    assert.equal(sc.agentSnap('a1').status, 'Available');
    assert.equal(sc.agentSnap('a1').readyAt, sc.now + 7000);
  });
});

describe('announcements', () => {
  test('on entry and every announceFrequencySeconds, start to start; none once connected', () => {
    const sc = new Scenario().queue('q', { announceOnEntry: true, announceFrequencySeconds: 30, defaultHandleSeconds: 120 }).agents('q', 1);
    sc.status('a1', 'On Break');
    sc.status('a1', 'Available');
    sc.enter('c0', 'q'); // rings a1, still position 1
    const entry = sc.enter('c1', 'q');
    // Position 2, N = 1 agent serving, F = 0 free: 2 × 120 / 1.
    assert.deepEqual(entry.commands, [{ kind: 'announce', callId: 'c1', position: 2, estimatedWaitSeconds: 240 }]);
    const fired = sc.advance(60).flatMap((o) => o.commands).filter((c) => c.kind === 'announce' && c.callId === 'c1');
    assert.equal(fired.length, 2);
    sc.failOffer(sc.ringFor('c0').offerId, 'NO_ANSWER');
    sc.send({ kind: 'caller-left', callId: 'c0' });
    sc.connect('c1');
    assert.equal(sc.advance(120).flatMap((o) => o.commands).filter((c) => c.kind === 'announce').length, 0);
  });

  test('position only, hold time only', () => {
    const sc = new Scenario().queue('q', { announceOnEntry: true, announceHoldTime: false });
    assert.deepEqual(sc.enter('c1', 'q').commands, [{ kind: 'announce', callId: 'c1', position: 1, estimatedWaitSeconds: null }]);
    sc.queue('q', { announceOnEntry: true, announcePosition: false });
    // Nobody serves the queue: no estimate.
    assert.deepEqual(sc.enter('c2', 'q').commands, [{ kind: 'announce', callId: 'c2', position: null, estimatedWaitSeconds: null }]);
  });

  test('periodic sound every periodicFrequencySeconds, the first after one period', () => {
    const sc = new Scenario().queue('q', { periodicSound: 'ivr/hold.wav', periodicFrequencySeconds: 20 });
    assert.deepEqual(sc.enter('c1', 'q').commands, []);
    const plays = sc.advance(45).map((o) => [at(sc), o.commands]);
    assert.deepEqual(
      sc.outcomes.slice(-2).map((o) => o.commands),
      [[{ kind: 'play', callId: 'c1', sound: 'ivr/hold.wav' }], [{ kind: 'play', callId: 'c1', sound: 'ivr/hold.wav' }]],
    );
    assert.equal(plays.length, 2);
  });
});

describe('abandoned callers', () => {
  test('a caller who calls back within the window resumes the original place', () => {
    const sc = new Scenario().queue('q', { abandonedResumeAllowed: true, discardAbandonedAfterSeconds: 60 });
    sc.enter('c1', 'q', { callerIdNumber: '+331' });
    sc.now += 10_000;
    sc.enter('c2', 'q', { callerIdNumber: '+332' });
    sc.now += 10_000;
    const left = sc.send({ kind: 'caller-left', callId: 'c1' });
    assert.deepEqual(types(left), ['ABANDON']);
    assert.deepEqual(left.events[0]?.data, { position: 1, originalPosition: 1, waitSeconds: 20, ringing: false, cancelReason: 'BREAK_OUT' });
    sc.now += 30_000;
    const back = sc.enter('c1b', 'q', { callerIdNumber: '+331' });
    assert.equal(back.events[0]?.data['resumed'], true);
    assert.equal(back.events[0]?.data['position'], 1);
    assert.equal(sc.memberSnap('c1b')?.joinedAt, T0);
  });

  test('after discardAbandonedAfterSeconds the caller starts again at the back', () => {
    const sc = new Scenario().queue('q', { abandonedResumeAllowed: true, discardAbandonedAfterSeconds: 60 });
    sc.enter('c1', 'q', { callerIdNumber: '+331' });
    sc.enter('c2', 'q', { callerIdNumber: '+332' });
    sc.send({ kind: 'caller-left', callId: 'c1' });
    sc.advance(60);
    const back = sc.enter('c1b', 'q', { callerIdNumber: '+331' });
    assert.equal(back.events[0]?.data['resumed'], false);
    assert.equal(back.events[0]?.data['position'], 2);
  });

  test('without abandonedResumeAllowed there is no resume', () => {
    const sc = new Scenario().queue('q', { discardAbandonedAfterSeconds: 60 });
    sc.enter('c1', 'q', { callerIdNumber: '+331' });
    sc.send({ kind: 'caller-left', callId: 'c1' });
    assert.equal(sc.enter('c1b', 'q', { callerIdNumber: '+331' }).events[0]?.data['resumed'], false);
  });
});
