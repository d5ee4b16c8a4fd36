import { CAPTURE_RIG_EXTENSION, FreeswitchDouble, EslTestClient, EslTestServer, type CallerHandle, type DoubleOptions } from '../double/index.js';
import type { EslMessage } from '../../src/esl/index.js';
import assert from 'node:assert/strict';
import { controlledUuid, keyHeaders, loadConnection, notices, replies, sequencesByRole, transcript, type RecordedConnection } from './capture.js';

/** Headers whose values must match the capture event by event (uuids compared by role). */
const KEY_HEADERS = [
  'Hangup-Cause',
  'Answer-State',
  'Application-UUID',
  'Application-Response',
  'Other-Leg-Unique-ID',
  'Bridge-A-Unique-ID',
  'Bridge-B-Unique-ID',
  'Playback-Status',
  'Job-Command-Arg',
  'DTMF-Digit',
  'DTMF-Source',
  'variable_last_bridge_role',
  'variable_last_bridge_hangup_cause',
];

/** keyHeaders lines (`LABEL(role) …`) grouped by role, each group in arrival order. */
function groupByLeg(lines: readonly string[]): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const line of lines) (groups[/\(([^)]*)\)/.exec(line)?.[1] ?? '-'] ??= []).push(line);
  return groups;
}

/** Drives the double with the exact command frames of one recorded scenario, connection by connection. */
export class ScenarioReplay {
  private inboundNext = 2;
  private outboundNext = 0;
  /** uuid → role (caller, agent1, agent2 …) from the capture's commands. */
  readonly roles = new Map<string, string>();

  private constructor(
    readonly double: FreeswitchDouble,
    readonly controller: EslTestServer,
    readonly inbound: EslTestClient,
    readonly outbound: EslTestClient,
    readonly caller: CallerHandle,
    readonly recordedInbound: RecordedConnection,
    readonly recordedOutbound: RecordedConnection,
  ) {
    this.roles.set(caller.uuid, 'caller');
    const agents = recordedInbound.sent.flatMap((frame) => [...frame.toString().matchAll(/origination_uuid=([0-9a-f-]{36})/g)].map((m) => m[1] ?? ''));
    agents.forEach((uuid, i) => this.roles.set(uuid, `agent${i + 1}`));
    const eventUuids = recordedOutbound.sent.flatMap((frame) => [...frame.toString().matchAll(/Event-UUID: ([0-9a-f-]{36})/gi)].map((m) => m[1] ?? ''));
    eventUuids.forEach((uuid, i) => this.roles.set(uuid, `sendmsg${i + 1}`));
  }

  /** Starts the double, dials the caller (with the capture's uuid) and connects the inbound client. */
  static async start(scenario: string, options: DoubleOptions = {}): Promise<ScenarioReplay> {
    const recordedInbound = loadConnection(scenario, 'inbound-esl');
    const recordedOutbound = loadConnection(scenario, 'outbound-esl');
    const double = await FreeswitchDouble.start({ secondsToMs: 10, ...options });
    const controller = await EslTestServer.listen();
    const inbound = await EslTestClient.connect(double.inboundPort);
    // As recorded: the inbound controller is subscribed before the call arrives.
    for (const frame of recordedInbound.sent.slice(0, 2)) await inbound.send(frame);
    const [caller, outbound] = await Promise.all([
      double.dial({ port: controller.port, uuid: controlledUuid(recordedOutbound), callerIdNumber: 'sipp', destination: '7000', extension: CAPTURE_RIG_EXTENSION }),
      controller.nextSession(),
    ]);
    return new ScenarioReplay(double, controller, inbound, outbound, caller, recordedInbound, recordedOutbound);
  }

  /** Sends the next `count` recorded inbound commands, each after the previous reply. */
  async inboundSend(count = 1): Promise<void> {
    for (let i = 0; i < count; i++) await this.inbound.send(this.nextFrame(this.recordedInbound, this.inboundNext++));
  }

  async outboundSend(count = 1): Promise<void> {
    for (let i = 0; i < count; i++) await this.outbound.send(this.nextFrame(this.recordedOutbound, this.outboundNext++));
  }

  /** The usual start: connect, myevents, event …, linger, then sendmsg answer + playback MOH sent back to back. */
  async standardStart(): Promise<void> {
    await this.outboundSend(4);
    await Promise.all([this.outboundSend(), this.outboundSend()]);
    await this.outbound.waitForEvent('PLAYBACK_START');
  }

  /** The recorded `bgapi originate` then, once its job reports +OK, the recorded `bgapi uuid_bridge`; returns the agent uuid. */
  async originateAndBridge(): Promise<string> {
    await this.inboundSend();
    const job = await this.inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-Command') === 'originate');
    await this.inboundSend();
    await this.inbound.waitForEvent('CHANNEL_BRIDGE');
    return (job.body ?? '').replace(/^\+OK (.*)\n$/, '$1');
  }

  /** The usual end: outbound `exit` after the caller is gone, then inbound `exit`. */
  async standardEnd(): Promise<void> {
    await this.outbound.waitFor((m) => m.kind === 'disconnect-notice', 'linger notice');
    await this.outboundSend();
    await this.caller.socketClosed;
    await this.inboundSend();
    await this.inbound.closed;
  }

  /**
   * Same events per connection in the same order (with leg roles), same replies, same key headers and job bodies.
   * `perLeg`: on the inbound side compare each leg's own order only — for scenarios where FreeSWITCH's threads
   * interleave legs differently from run to run (two phones ringing, two apps ending at once).
   */
  assertMatchesCapture(inboundOrder: 'global' | 'perLeg' = 'global'): void {
    const pairs = [
      ['inbound', this.recordedInbound.received, this.inbound.messages, inboundOrder],
      ['outbound', this.recordedOutbound.received, this.outbound.messages, 'global'],
    ] as const;
    for (const [side, recorded, actual, order] of pairs) {
      const view = (messages: readonly EslMessage[]): unknown =>
        order === 'global'
          ? [transcript(messages, this.roles), keyHeaders(messages, this.roles, KEY_HEADERS)]
          : [sequencesByRole(messages, this.roles), groupByLeg(keyHeaders(messages, this.roles, KEY_HEADERS))];
      assert.deepEqual(view(actual), view(recorded), `${side}: events and key headers`);
      assert.deepEqual(replies(actual, this.roles), replies(recorded, this.roles), `${side}: replies`);
      assert.deepEqual(notices(actual, this.roles), notices(recorded, this.roles), `${side}: disconnect notices`);
    }
    assert.deepEqual([...this.inbound.decodeErrors, ...this.outbound.decodeErrors], []);
  }

  async stop(): Promise<void> {
    this.inbound.close();
    await this.controller.close();
    await this.double.stop();
  }

  private nextFrame(recorded: RecordedConnection, index: number): Buffer {
    const frame = recorded.sent[index];
    if (frame === undefined) throw new Error(`the capture has no command #${index + 1} on this connection`);
    return frame;
  }
}
