import { randomUUID } from 'node:crypto';
import type { CallModel } from './call-model.js';
import type { Channel } from './channel.js';
import { executeMessage } from './apps.js';
import { phoneLeg, runSteps } from './phone-call.js';

/** What the double's dialplan runs for an extension (default: the captures' 5555 — set, export, answer, welcome.wav, park). */
export type Dialplan = (extension: string) => ReadonlyArray<readonly [app: string, arg: string]>;

export const WELCOME_FILE = '/srv/fs/share/freeswitch/sounds/custom/welcome.wav';

/** What the rig's public context runs first for every extension (7000, 5555). */
export function dialplanPrelude(): ReadonlyArray<readonly [app: string, arg: string]> {
  return [
    ['set', 'outside_call=true'],
    ['export', `RFC2822_DATE=${new Date().toUTCString()}`],
  ];
}

export const defaultDialplan: Dialplan = () => [...dialplanPrelude(), ['answer', ''], ['playback', WELCOME_FILE], ['park', '']];

/**
 * switch_ivr_session_transfer: the channel leaves its apps (socket app included, the outbound socket stays
 * connected), leaves a bridge, gets a bl_xfer transfer_history entry and runs the extension (scenarios 10, 11).
 */
export function transferChannel(model: CallModel, channel: Channel, extension: string, dialplan: string, context: string, plan: Dialplan): void {
  model.appsOf(channel).endAll();
  // The transfer gives the channel a new caller profile without the originatee: no Other-Leg-* from here on.
  channel.peer = undefined;
  const partner = channel.bridge === undefined ? undefined : model.channels.get(channel.bridge.a === channel.uuid ? channel.bridge.b : channel.bridge.a);
  if (partner !== undefined) {
    const [a, b] = channel.bridge?.a === channel.uuid ? [channel, partner] : [partner, channel];
    model.unbridge(a, b);
  }
  channel.appendTransferHistory(`${Math.floor(Date.now() / 1000)}:${randomUUID()}:bl_xfer:${extension}/${context}/${dialplan}`);
  channel.profile.destinationNumber = extension;
  channel.profile.context = context;
  for (const state of ['CS_ROUTING', 'CS_EXECUTE'] as const) {
    channel.state = state;
    model.emit('CHANNEL_STATE', channel);
  }
  const engine = model.appsOf(channel);
  for (const [app, arg] of plan(extension)) engine.enqueue(executeMessage(app, arg));
}

function sofiaEvent(model: CallModel, subclass: string, channel: Channel, post: Array<readonly [string, string]> = []): void {
  if (!model.options.fireTransferEvents) return;
  model.emit('CUSTOM', channel, { post, callingFile: 'sofia.c', callingFunction: 'sofia_handle_sip_i_refer' }, subclass);
}

function bridgedPartner(model: CallModel, agent: Channel): Channel | undefined {
  const bridge = agent.bridge;
  return bridge === undefined ? undefined : model.live(bridge.a === agent.uuid ? bridge.b : bridge.a);
}

/** The agent's phone sends REFER (no Replaces) to `extension`: scenario 10. */
export function blindTransferByAgent(model: CallModel, agent: Channel, extension: string, plan: Dialplan): string | undefined {
  const caller = bridgedPartner(model, agent);
  if (caller === undefined) return `agent ${agent.uuid} is not bridged`;
  agent.setVariable('transfer_disposition', 'recv_replace');
  agent.setVariable('transfer_to', `blind:${caller.uuid}`);
  agent.setVariable('transfer_destination', `blind:${extension}`);
  agent.setVariable('endpoint_disposition', 'BLIND_TRANSFER');
  caller.setVariable('sip_refer_to', `<sip:${extension}@127.0.0.1>`);
  caller.setVariable('sip_h_Referred-By', `<sip:${agent.profile.destinationNumber}@127.0.0.1>`);
  sofiaEvent(model, 'sofia::transferor', agent);
  sofiaEvent(model, 'sofia::transferee', caller);
  caller.peer = undefined; // the REFER transfer starts here: the caller's later events lack Other-Leg-*
  model.hangupLeavingPeer(agent, 'NORMAL_CLEARING', 'local');
  transferChannel(model, caller, extension, 'XML', 'public', plan);
  return undefined;
}

/**
 * The agent holds the caller (FreeSWITCH plays MOH to it), calls `extension` on a consult leg and, once that
 * leg is parked, REFERs with Replaces: scenario 13. The consult leg ends ATTENDED_TRANSFER, the agent leg
 * NORMAL_CLEARING, and the caller runs the consult's extension itself.
 */
export function attendedTransferByAgent(model: CallModel, agent: Channel, extension: string, plan: Dialplan): string | undefined {
  const caller = bridgedPartner(model, agent);
  if (caller === undefined) return `agent ${agent.uuid} is not bridged`;
  agent.callState = 'HELD';
  model.emit('CHANNEL_HOLD', agent);
  model.appsOf(caller).enqueue(executeMessage('playback', 'local_stream://moh', false));
  const consult = phoneLeg(model, agent.profile.destinationNumber, extension);
  const waiting = model.listen((event) => {
    if (event.name !== 'CHANNEL_PARK') return;
    waiting.remove();
    model.scheduler.soon(() => completeAttendedTransfer(model, agent, caller, consult, extension, plan));
  }, { kind: 'channel', uuid: consult.uuid });
  runSteps(model, consult, plan(extension));
  return undefined;
}

function completeAttendedTransfer(model: CallModel, agent: Channel, caller: Channel, consult: Channel, extension: string, plan: Dialplan): void {
  // As capture 13 shows: every REFER marks the agent leg recv_replace; the replaced consult leg is marked replaced.
  agent.setVariable('transfer_disposition', 'recv_replace');
  agent.setVariable('refer_uuid', consult.uuid);
  consult.setVariable('transfer_disposition', 'replaced');
  caller.setVariable('sip_refer_to', `<sip:${extension}@127.0.0.1?Replaces=${consult.uuid}>`);
  sofiaEvent(model, 'sofia::transferor', agent, [
    ['att_xfer_original_call_id', consult.uuid],
    ['att_xfer_destination_call_id', caller.uuid],
    ['att_xfer_destination_peer_uuid', agent.uuid],
  ]);
  sofiaEvent(model, 'sofia::transferee', caller);
  caller.peer = undefined; // as in the blind transfer
  model.hangup(consult, 'ATTENDED_TRANSFER', 'local');
  model.appsOf(caller).endAll(); // the hold music ends
  model.scheduler.soon(() => {
    agent.callState = 'ACTIVE';
    model.emit('CHANNEL_UNHOLD', agent);
    model.hangupLeavingPeer(agent, 'NORMAL_CLEARING', 'local');
    transferChannel(model, caller, extension, 'XML', 'public', plan);
  });
}
