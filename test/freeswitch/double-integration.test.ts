// Both adapters together against the FreeSWITCH double (test/double): the caller arrives on the outbound server,
// the agent is originated and bridged through the inbound node, as in scenarios 01 and 03.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { once, type EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { CallConnection } from '../../src/freeswitch/call-connection.js';
import { InboundNode, type InboundEvent } from '../../src/freeswitch/inbound-node.js';
import { OutboundServer } from '../../src/freeswitch/outbound-server.js';
import { silentLogger } from '../../src/log.js';
import { FreeswitchDouble } from '../double/index.js';

function bounded(emitter: EventEmitter, name: string): Promise<unknown[]> {
  return once(emitter, name, { signal: AbortSignal.timeout(5_000) });
}

async function inboundEventOf(node: InboundNode, name: string, uuid: string): Promise<InboundEvent['event']> {
  for (;;) {
    const [{ event }] = (await bounded(node, 'event')) as [InboundEvent];
    if (event.name === name && event.get('Unique-ID') === uuid) return event;
  }
}

interface Rig {
  readonly double: FreeswitchDouble;
  readonly node: InboundNode;
  readonly server: OutboundServer;
}

async function withRig(run: (rig: Rig) => Promise<void>): Promise<void> {
  const double = await FreeswitchDouble.start({ secondsToMs: 10, playbackMs: 30 });
  const node = new InboundNode({ name: 'fs1', host: '127.0.0.1', port: double.inboundPort, password: 'ClueCon' }, silentLogger);
  const connected = bounded(node, 'connected');
  node.start();
  const listening = await OutboundServer.listen({ port: 0, lingerGraceMs: 200 }, silentLogger);
  assert.ok(listening.ok);
  try {
    await connected;
    await run({ double, node, server: listening.server });
  } finally {
    node.stop();
    await listening.server.close();
    await double.stop();
  }
}

describe('freeswitch adapters against the FreeSWITCH double', () => {
  test('caller on MOH, agent originated with our uuid, uuid_bridge, agent hangs up: caller ends, session exits', async () => {
    await withRig(async ({ double, node, server }) => {
      const callReady = bounded(server, 'call');
      const caller = await double.dial({ port: server.port, queue: 'sales' });
      const [call] = (await callReady) as [CallConnection];
      assert.equal(call.channel.uuid, caller.uuid);
      assert.equal(call.channel.variables.get('lineup_queue'), 'sales');
      const answered = await call.execute('answer', undefined, { eventLock: true });
      assert.equal(answered.ok, true);
      const moh = call.playMusicOnHold('local_stream://moh');

      const agentUuid = randomUUID();
      double.setAgentBehaviour('user/1001@default', { answerAfterMs: 20 });
      const originated = await node.originate({
        uuid: agentUuid,
        contact: 'user/1001@default',
        timeoutSeconds: 10,
        callerIdNumber: '1000',
        callerIdName: 'Sales queue',
        variables: { lineup_call: 'C1' },
      });
      assert.deepEqual(originated, { ok: true, uuid: agentUuid });

      const bridged = bounded(call, 'bridge');
      assert.deepEqual(await node.bridge(caller.uuid, agentUuid), { ok: true, reply: agentUuid });
      assert.deepEqual(await bridged, [{ otherUuid: agentUuid }]);
      const mohResult = await moh;
      assert.ok(mohResult.ok && mohResult.application === 'playback');

      const hungUp = bounded(call, 'hangup');
      const agentLegEnded = inboundEventOf(node, 'CHANNEL_HANGUP_COMPLETE', agentUuid);
      double.hangupAgent(agentUuid);
      assert.deepEqual(await hungUp, [{ cause: 'NORMAL_CLEARING' }]);
      // The agent leg is seen on the inbound socket only, with the variables the originate gave it.
      assert.equal((await agentLegEnded).get('variable_lineup_call'), 'C1');
      await caller.socketClosed;
      assert.ok(double.commands('outbound').some((c) => c.command.line === 'exit'));
    });
  });

  test('an agent that does not answer: originate returns NO_ANSWER; the caller is untouched', async () => {
    await withRig(async ({ double, node, server }) => {
      const callReady = bounded(server, 'call');
      const caller = await double.dial({ port: server.port });
      const [call] = (await callReady) as [CallConnection];
      double.setAgentBehaviour('user/1002@default', { outcome: 'NO_ANSWER' });
      const result = await node.originate({ uuid: randomUUID(), contact: 'user/1002@default', timeoutSeconds: 3, callerIdNumber: '1', callerIdName: 'q' });
      assert.ok(!result.ok && result.cause === 'NO_ANSWER');
      assert.deepEqual(await node.channelPresence([caller.uuid]), { live: [caller.uuid], gone: [], unknown: [] });
      assert.deepEqual(await call.hangup(), { ok: true, reply: '+OK' });
      await caller.socketClosed;
    });
  });

  test('a ring cancelled before the originate ends: the kill waits for CHANNEL_CREATE, which the event filter lets through', async () => {
    await withRig(async ({ double, node }) => {
      double.setAgentBehaviour('user/1003@default', { outcome: 'NO_ANSWER' });
      const agentUuid = randomUUID();
      const originated = node.originate({ uuid: agentUuid, contact: 'user/1003@default', timeoutSeconds: 30, callerIdNumber: '1', callerIdName: 'q' });
      // Asked while the originate runs: held until the leg's CHANNEL_CREATE (the originate's result comes only after).
      assert.deepEqual(await node.kill(agentUuid, 'ORIGINATOR_CANCEL'), { ok: true, reply: '' });
      const result = await originated;
      assert.ok(!result.ok && result.cause === 'ORIGINATOR_CANCEL');
      const kills = double.log.entries.filter((e) => e.kind === 'command' && e.record.command.args.startsWith('uuid_kill'));
      assert.equal(kills.length, 1);
    });
  });
});
