import { randomUUID } from 'node:crypto';
import type { CallModel } from './call-model.js';
import type { Channel } from './channel.js';
import { executeMessage } from './apps.js';

/** What the double's dialplan runs for an extension (default: the captures' 5555 — answer, welcome.wav, park). */
export type Dialplan = (extension: string) => ReadonlyArray<readonly [app: string, arg: string]>;

export const WELCOME_FILE = '/srv/fs/share/freeswitch/sounds/custom/welcome.wav';

export const defaultDialplan: Dialplan = () => [
  ['answer', ''],
  ['playback', WELCOME_FILE],
  ['park', ''],
];

/**
 * switch_ivr_session_transfer: the channel leaves its apps (socket app included, the outbound socket stays
 * connected), leaves a bridge, gets a bl_xfer transfer_history entry and runs the extension (scenarios 10, 11).
 */
export function transferChannel(model: CallModel, channel: Channel, extension: string, dialplan: string, context: string, plan: Dialplan): void {
  model.appsOf(channel).endAll();
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

function sofiaEvent(model: CallModel, subclass: string, channel: Channel, post: Array<readonly [string, string]>): void {
  model.emit('CUSTOM', channel, { post, callingFile: 'sofia.c', callingFunction: 'sofia_handle_sip_i_refer' }, subclass);
}

/** The agent's phone sends REFER (no Replaces) to `extension`: scenario 10. */
export function blindTransferByAgent(model: CallModel, agent: Channel, extension: string, plan: Dialplan): string | undefined {
  const bridge = agent.bridge;
  const caller = bridge === undefined ? undefined : model.channels.get(bridge.a === agent.uuid ? bridge.b : bridge.a);
  if (caller === undefined) return `agent ${agent.uuid} is not bridged`;
  agent.setVariable('transfer_disposition', 'recv_replace');
  agent.setVariable('transfer_to', `blind:${caller.uuid}`);
  agent.setVariable('transfer_destination', `blind:${extension}`);
  agent.setVariable('endpoint_disposition', 'BLIND_TRANSFER');
  caller.setVariable('sip_refer_to', `<sip:${extension}@127.0.0.1>`);
  caller.setVariable('sip_h_Referred-By', `<sip:${agent.profile.destinationNumber}@127.0.0.1>`);
  if (model.options.fireTransferEvents) {
    sofiaEvent(model, 'sofia::transferor', agent, []);
    sofiaEvent(model, 'sofia::transferee', caller, []);
  }
  transferChannel(model, caller, extension, 'XML', 'public', plan);
  model.scheduler.soon(() => model.hangup(agent, 'NORMAL_CLEARING', 'local'));
  return undefined;
}

/**
 * The agent holds the caller, calls `extension` on a consult leg and REFERs with Replaces: scenario 13.
 * Consult leg ends ATTENDED_TRANSFER, the agent leg NORMAL_CLEARING, the caller runs the consult's extension.
 */
export function attendedTransferByAgent(model: CallModel, agent: Channel, extension: string, plan: Dialplan): string | undefined {
  const bridge = agent.bridge;
  const caller = bridge === undefined ? undefined : model.channels.get(bridge.a === agent.uuid ? bridge.b : bridge.a);
  if (caller === undefined) return `agent ${agent.uuid} is not bridged`;
  agent.callState = 'HELD';
  model.emit('CHANNEL_HOLD', agent);
  model.appsOf(caller).enqueue(executeMessage('playback', 'local_stream://moh', false));
  const consult = model.createChannel(randomUUID(), `sofia/internal/${agent.profile.destinationNumber}@127.0.0.1:5090`, 'inbound', {
    username: agent.profile.destinationNumber,
    dialplan: 'XML',
    callerIdName: agent.profile.destinationNumber,
    callerIdNumber: agent.profile.destinationNumber,
    calleeIdName: undefined,
    calleeIdNumber: undefined,
    ani: agent.profile.destinationNumber,
    destinationNumber: extension,
    source: 'mod_sofia',
    context: 'public',
    networkAddr: '127.0.0.1',
  });
  model.emit('CHANNEL_CREATE', consult);
  model.answer(consult);
  const attPost: Array<readonly [string, string]> = [
    ['att_xfer_original_call_id', consult.uuid],
    ['att_xfer_destination_call_id', caller.uuid],
    ['att_xfer_destination_peer_uuid', agent.uuid],
  ];
  agent.setVariable('refer_uuid', consult.uuid);
  caller.setVariable('sip_refer_to', `<sip:${extension}@127.0.0.1?Replaces=${consult.uuid}>`);
  if (model.options.fireTransferEvents) {
    sofiaEvent(model, 'sofia::transferor', agent, attPost);
    sofiaEvent(model, 'sofia::transferee', caller, []);
  }
  model.hangup(consult, 'ATTENDED_TRANSFER', 'local');
  agent.callState = 'ACTIVE';
  model.emit('CHANNEL_UNHOLD', agent);
  transferChannel(model, caller, extension, 'XML', 'public', plan);
  model.hangup(agent, 'NORMAL_CLEARING', 'local');
  return undefined;
}
