// FreeSWITCH adapters: the inbound event socket per node (esl-lite) and the outbound socket server (our codec).
export { InboundNode, type InboundNodeConfig, type InboundEvent, type InboundNodeEvents, type ChannelPresence } from './inbound-node.js';
export { InboundPool, type InboundPoolResult } from './inbound-pool.js';
export { AGENT_CALL_SUBCLASS } from './inbound-events.js';
export type { OriginateRequest } from './originate-command.js';
export type { OriginateResult, OriginateHangupCause } from './originate-result.js';
export type { CommandResult, CommandFailure } from './command-result.js';
export { OutboundServer, type OutboundServerOptions, type OutboundServerEvents, type ListenResult } from './outbound-server.js';
export {
  CallConnection,
  OUTBOUND_EVENT_NAMES,
  type CallConnectionEvents,
  type CallConnectionOptions,
  type CommandOutcome,
  type ExecuteOptions,
  type ExecuteResult,
} from './call-connection.js';
export type { ChannelData } from './channel-data.js';
