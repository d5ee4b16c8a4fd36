// Which agent each strategy rings, in which order, over successive calls and failures.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StrategyName } from '../../src/engine/index.js';
import { Scenario } from './support/scenario.js';

/** A queue with agents a1..an (level 1, position i). */
function setup(strategy: StrategyName, n = 3, extra: Parameters<Scenario['queue']>[1] = {}, seed = 1): Scenario {
  return new Scenario(seed).queue('q', { strategy, ...extra }).agents('q', n);
}

/** Rings one call, answers it, talks `talkSeconds`, hangs up; returns the agent that took it. */
function serve(sc: Scenario, callId: string, talkSeconds = 10): string {
  sc.enter(callId, 'q');
  const ring = sc.ringFor(callId);
  sc.connect(callId);
  sc.now += talkSeconds * 1000;
  sc.end(callId);
  sc.now += 1000;
  return ring.agentId;
}

/** Fails the caller's live ring with NO_ANSWER and returns the next agent rung for it. */
function failAndNext(sc: Scenario, callId: string): string {
  sc.now += 1000;
  sc.failOffer(sc.ringFor(callId).offerId);
  return sc.ringFor(callId).agentId;
}

describe('longest-idle-agent', () => {
  test('orders by level, then last bridge end, then position', () => {
    const sc = setup('longest-idle-agent');
    assert.deepEqual(['c1', 'c2', 'c3', 'c4'].map((c) => serve(sc, c)), ['a1', 'a2', 'a3', 'a1']);
  });

  test('an unanswered offer does not move the agent: re-rung at once without a delay', () => {
    const sc = setup('longest-idle-agent');
    sc.enter('c1', 'q');
    assert.equal(sc.ringFor('c1').agentId, 'a1');
    assert.equal(failAndNext(sc, 'c1'), 'a1');
  });

  test('a lower level comes first even when idle for less time', () => {
    const sc = new Scenario().queue('q').agent('a1').tier('q', 'a1', 2, 1).agent('a2').tier('q', 'a2', 1, 9);
    assert.equal(serve(sc, 'c1'), 'a2');
    assert.equal(serve(sc, 'c2'), 'a2');
  });
});

describe('agent-with-least-talk-time and agent-with-fewest-calls', () => {
  test('least talk time first', () => {
    const sc = setup('agent-with-least-talk-time', 2);
    assert.equal(serve(sc, 'c1', 60), 'a1');
    assert.equal(serve(sc, 'c2', 30), 'a2');
    assert.equal(serve(sc, 'c3', 60), 'a2'); // a2 has 30 s, a1 60 s
    assert.equal(serve(sc, 'c4', 5), 'a1'); // a2 now has 90 s
  });

  test('fewest answered calls first, position breaks ties', () => {
    const sc = setup('agent-with-fewest-calls', 2);
    assert.deepEqual(['c1', 'c2', 'c3', 'c4'].map((c) => serve(sc, c)), ['a1', 'a2', 'a1', 'a2']);
  });
});

describe('sequentially-by-agent-order', () => {
  test('by position; equal positions rotate by least recently offered', () => {
    const sc = new Scenario().queue('q', { strategy: 'sequentially-by-agent-order' });
    for (const id of ['a1', 'a2', 'a3']) sc.agent(id).tier('q', id, 1, 1);
    sc.enter('c1', 'q');
    const order = [sc.ringFor('c1').agentId, failAndNext(sc, 'c1'), failAndNext(sc, 'c1'), failAndNext(sc, 'c1')];
    assert.deepEqual(order, ['a1', 'a2', 'a3', 'a1']);
  });

  test('always the lowest position when it is free', () => {
    const sc = setup('sequentially-by-agent-order');
    assert.deepEqual(['c1', 'c2'].map((c) => serve(sc, c)), ['a1', 'a1']);
  });
});

describe('top-down', () => {
  test('per caller: continues below the last agent offered, then wraps to the top', () => {
    const sc = setup('top-down');
    sc.enter('c1', 'q');
    const order = [sc.ringFor('c1').agentId, failAndNext(sc, 'c1'), failAndNext(sc, 'c1'), failAndNext(sc, 'c1')];
    assert.deepEqual(order, ['a1', 'a2', 'a3', 'a1']);
  });

  test('resets to the top when no eligible agent is below the cursor (issue #1216)', () => {
    const sc = setup('top-down');
    sc.status('a3', 'On Break');
    sc.enter('c1', 'q');
    assert.deepEqual([sc.ringFor('c1').agentId, failAndNext(sc, 'c1'), failAndNext(sc, 'c1')], ['a1', 'a2', 'a1']);
  });

  test('a new caller starts from the top', () => {
    const sc = setup('top-down');
    sc.enter('c1', 'q');
    failAndNext(sc, 'c1'); // c1 now rings a2
    sc.enter('c2', 'q');
    assert.equal(sc.ringFor('c2').agentId, 'a1');
  });
});

describe('round-robin (mod_callcenter)', () => {
  test('continues after the agent offered most recently, by any caller', () => {
    const sc = setup('round-robin');
    assert.deepEqual(['c1', 'c2', 'c3', 'c4'].map((c) => serve(sc, c)), ['a1', 'a2', 'a3', 'a1']);
  });

  test('an offer from another queue moves the cursor', () => {
    const sc = setup('round-robin');
    sc.queue('other').tier('other', 'a2', 1, 1);
    sc.enter('x1', 'other');
    sc.connect('x1', 'a2');
    sc.end('x1');
    assert.equal(serve(sc, 'c1'), 'a3');
  });
});

describe('ring-all', () => {
  test('rings every eligible agent; the first answer cancels the others (lose-race)', () => {
    const sc = setup('ring-all');
    sc.enter('c1', 'q');
    assert.deepEqual(sc.rungNow().sort(), ['a1', 'a2', 'a3']);
    const winner = sc.liveRings().find((r) => r.agentId === 'a2');
    assert.ok(winner);
    const out = sc.answer(winner.offerId);
    const cancels = out.commands.filter((c) => c.kind === 'cancel-ring');
    assert.deepEqual(cancels.map((c) => (c.kind === 'cancel-ring' ? [c.agentId, c.reason] : [])).sort(), [
      ['a1', 'lose-race'],
      ['a3', 'lose-race'],
    ]);
    assert.deepEqual(
      out.events.map((e) => e.type),
      ['RINGCANCELED', 'RINGCANCELED', 'CONNECT'],
    );
    assert.equal(sc.agentSnap('a1').state, 'Waiting');
  });

  test('an agent who becomes eligible while the caller waits is added', () => {
    const sc = setup('ring-all', 2);
    sc.status('a2', 'On Break');
    sc.enter('c1', 'q');
    assert.deepEqual(sc.rungNow(), ['a1']);
    sc.now += 2000;
    sc.status('a2', 'Available');
    assert.deepEqual(sc.rungNow(), ['a2']);
    assert.equal(sc.liveRings().length, 2);
  });

  test('a late answer from a loser is hung up', () => {
    const sc = setup('ring-all', 2);
    sc.enter('c1', 'q');
    const [first, second] = sc.liveRings();
    assert.ok(first && second);
    sc.answer(first.offerId);
    const late = sc.answer(second.offerId);
    assert.equal(late.error, null);
    assert.deepEqual(late.commands, [{ kind: 'cancel-ring', offerId: second.offerId, callId: 'c1', agentId: second.agentId, reason: 'lose-race' }]);
  });
});

describe('ring-progressively', () => {
  test('one more agent every delay, in (level, position) order', () => {
    const sc = setup('ring-progressively', 3, { ringProgressivelyDelaySeconds: 5 });
    sc.enter('c1', 'q');
    assert.deepEqual(sc.rungNow(), ['a1']);
    sc.advance(4.999);
    assert.equal(sc.liveRings().length, 1);
    sc.advance(0.001);
    assert.deepEqual(sc.rungNow(), ['a2']);
    sc.advance(5);
    assert.deepEqual(sc.rungNow(), ['a3']);
    assert.equal(sc.liveRings().length, 3);
  });

  test('a delay of 0 means 10 seconds', () => {
    const sc = setup('ring-progressively', 2, { ringProgressivelyDelaySeconds: 0 });
    sc.enter('c1', 'q');
    sc.advance(9.9);
    assert.equal(sc.liveRings().length, 1);
    sc.advance(0.1);
    assert.equal(sc.liveRings().length, 2);
  });
});

describe('round-robin-memory', () => {
  test('the next agent after the last one rung in this queue, wrapping', () => {
    const sc = setup('round-robin-memory');
    assert.deepEqual(['c1', 'c2', 'c3', 'c4', 'c5'].map((c) => serve(sc, c)), ['a1', 'a2', 'a3', 'a1', 'a2']);
  });

  test('skips agents that are not free', () => {
    const sc = setup('round-robin-memory');
    serve(sc, 'c1');
    sc.status('a2', 'On Break');
    assert.equal(serve(sc, 'c2'), 'a3');
  });
});

describe('linear', () => {
  test('every call starts at the top', () => {
    const sc = setup('linear');
    assert.deepEqual(['c1', 'c2', 'c3'].map((c) => serve(sc, c)), ['a1', 'a1', 'a1']);
  });

  test('after a failure the caller moves down the list, then wraps', () => {
    const sc = setup('linear');
    sc.enter('c1', 'q');
    const order = [sc.ringFor('c1').agentId, failAndNext(sc, 'c1'), failAndNext(sc, 'c1'), failAndNext(sc, 'c1')];
    assert.deepEqual(order, ['a1', 'a2', 'a3', 'a1']);
  });
});

describe('fewest-calls-in-window', () => {
  test('fewest calls answered in this queue within the window, then level and position', () => {
    const sc = setup('fewest-calls-in-window', 3, { callWindowSeconds: 600 });
    assert.deepEqual(['c1', 'c2', 'c3', 'c4'].map((c) => serve(sc, c)), ['a1', 'a2', 'a3', 'a1']);
    // a1 has 2 calls in the window, a2 and a3 one each.
    assert.equal(serve(sc, 'c5'), 'a2');
    sc.now += 600_000; // every call is out of the window: all at 0 again
    assert.equal(serve(sc, 'c6'), 'a1');
  });

  test('calls answered in another queue do not count', () => {
    const sc = setup('fewest-calls-in-window', 2);
    sc.queue('other').tier('other', 'a1', 1, 1);
    sc.status('a2', 'On Break');
    sc.enter('x1', 'other');
    sc.connect('x1');
    sc.end('x1');
    sc.status('a2', 'Available');
    assert.equal(serve(sc, 'c1'), 'a1');
  });
});

describe('random strategies', () => {
  test('random: only the lowest level, every agent of it sometimes, same seed same sequence', () => {
    const run = (seed: number): string[] => {
      const sc = new Scenario(seed).queue('q', { strategy: 'random' }).agents('q', 3).agent('low').tier('q', 'low', 2, 1);
      return Array.from({ length: 30 }, (_, i) => serve(sc, `c${i}`));
    };
    const picks = run(7);
    assert.deepEqual(new Set(picks), new Set(['a1', 'a2', 'a3']));
    assert.deepEqual(run(7), picks);
    assert.notDeepEqual(run(8), picks);
  });

  test('weighted-random: a level-0 agent beats a level-9 agent most of the time', () => {
    const sc = new Scenario(3).queue('q', { strategy: 'weighted-random' });
    sc.agent('top').tier('q', 'top', 0, 1).agent('deep').tier('q', 'deep', 9, 1);
    const picks = Array.from({ length: 200 }, (_, i) => serve(sc, `c${i}`));
    const deep = picks.filter((p) => p === 'deep').length;
    // P(deep wins) = P(10 000·u < 1 000·v) = 0.05 for independent uniforms u, v.
    assert.ok(deep > 0 && deep < 30, `deep won ${deep} of 200`);
  });

  test('ring-n-random: ringN agents at once; a failure adds the next', () => {
    const sc = setup('ring-n-random', 4, { ringN: 2 }, 5);
    sc.enter('c1', 'q');
    assert.equal(sc.rungNow().length, 2);
    const first = sc.liveRings()[0];
    assert.ok(first);
    sc.failOffer(first.offerId);
    assert.equal(sc.rungNow().length, 1);
    assert.equal(sc.liveRings().length, 2);
  });
});

describe('ring-n-ordered', () => {
  test('the first ringN agents in (level, position) order, then the next one on a failure', () => {
    const sc = setup('ring-n-ordered', 4, { ringN: 2 });
    sc.enter('c1', 'q');
    assert.deepEqual(sc.rungNow(), ['a1', 'a2']);
    const a1 = sc.liveRings().find((r) => r.agentId === 'a1');
    assert.ok(a1);
    sc.failOffer(a1.offerId, 'USER_BUSY');
    // a1 is free again at once (no busy delay) and first in order.
    assert.deepEqual(sc.rungNow(), ['a1']);
  });
});

describe('strategy change while callers wait', () => {
  test('to ring-all: the ringing offer continues and the other agents are added', () => {
    const sc = setup('longest-idle-agent');
    sc.enter('c1', 'q');
    sc.queue('q', { strategy: 'ring-all' });
    assert.deepEqual(sc.rungNow(), ['a2', 'a3']);
    assert.equal(sc.liveRings().length, 3);
  });

  test('from ring-all: the rings continue, and after they fail one agent at a time', () => {
    const sc = setup('ring-all', 2);
    sc.enter('c1', 'q');
    sc.queue('q', { strategy: 'top-down' });
    assert.equal(sc.last.commands.length, 0);
    const [r1, r2] = sc.liveRings();
    assert.ok(r1 && r2);
    sc.failOffer(r1.offerId);
    assert.deepEqual(sc.rungNow(), [], 'one offer still rings: top-down waits for it');
    sc.failOffer(r2.offerId);
    assert.equal(sc.rungNow().length, 1);
  });
});
