import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EslEvent } from '../../src/esl/index.js';
import { ALL_EVENTS, ListenerRegistry, NO_EVENTS, type Registration } from '../double/listener-registry.js';
import { Subscription } from '../double/subscription.js';

function event(name: string, uuid?: string): EslEvent {
  return new EslEvent(uuid === undefined ? [['Event-Name', name]] : [['Event-Name', name], ['Unique-ID', uuid]]);
}

describe('ListenerRegistry', () => {
  test('calls only interested listeners, in registration order across general and channel listeners', () => {
    const registry = new ListenerRegistry();
    const calls: string[] = [];
    registry.add(() => calls.push('all-1'), ALL_EVENTS);
    registry.add(() => calls.push('a-2'), { kind: 'channel', uuid: 'a' });
    registry.add(() => calls.push('b-3'), { kind: 'channel', uuid: 'b' });
    registry.add(() => calls.push('all-4'), ALL_EVENTS);
    registry.add(() => calls.push('a-5'), { kind: 'channel', uuid: 'a' });
    registry.add(() => calls.push('none-6'), NO_EVENTS);
    registry.deliver(event('CHANNEL_ANSWER', 'a'));
    registry.deliver(event('HEARTBEAT'));
    assert.deepEqual(calls, ['all-1', 'a-2', 'all-4', 'a-5', 'all-1', 'all-4']);
  });

  test('a retargeted listener keeps its place; a removed one gets nothing', () => {
    const registry = new ListenerRegistry();
    const calls: string[] = [];
    const first = registry.add(() => calls.push('first'), NO_EVENTS);
    registry.add(() => calls.push('second'), { kind: 'channel', uuid: 'a' });
    const third = registry.add(() => calls.push('third'), ALL_EVENTS);
    first.retarget(ALL_EVENTS);
    first.retarget({ kind: 'channel', uuid: 'a' });
    registry.deliver(event('CHANNEL_HANGUP', 'a'));
    third.remove();
    registry.deliver(event('CHANNEL_HANGUP', 'a'));
    assert.deepEqual(calls, ['first', 'second', 'third', 'first', 'second']);
  });

  test('an event goes to the listeners registered when it was fired', () => {
    const registry = new ListenerRegistry();
    const calls: string[] = [];
    const victims: Registration[] = [];
    registry.add(() => {
      calls.push('changer');
      for (const victim of victims) victim.remove();
      registry.add(() => calls.push('late'), ALL_EVENTS);
    }, { kind: 'channel', uuid: 'a' });
    victims.push(registry.add(() => calls.push('victim'), ALL_EVENTS));
    registry.deliver(event('CHANNEL_ANSWER', 'a'));
    assert.deepEqual(calls, ['changer', 'victim']);
    calls.length = 0;
    registry.deliver(event('CHANNEL_ANSWER', 'b'));
    assert.deepEqual(calls, ['late']);
  });
});

describe('Subscription.interest', () => {
  test('none until events are enabled; one channel under a lone Unique-ID filter; all otherwise', () => {
    const subscription = new Subscription(() => undefined);
    assert.deepEqual(subscription.interest(), NO_EVENTS);
    subscription.addMyEvents('plain', 'u1');
    assert.deepEqual(subscription.interest(), { kind: 'channel', uuid: 'u1' });
    subscription.addFilter('Unique-ID', 'u2');
    assert.deepEqual(subscription.interest(), ALL_EVENTS);
    subscription.deleteFilter('all', undefined);
    assert.deepEqual(subscription.interest(), ALL_EVENTS);
    subscription.clear();
    assert.deepEqual(subscription.interest(), NO_EVENTS);
  });
});
