// Agents' own calls (not from a queue), so that queues with skip-agents-with-external-calls pass them over: what
// mod_callcenter's callcenter_track application does. The dialplan of the agent's outgoing calls marks each call
// with FreeSWITCH's `event` application (mod_dptools event_function adds the channel's data to the event):
//   <action application="event" data="Event-Name=CUSTOM,Event-Subclass=lineup::agent_call,lineup_agent=1000"/>
// and the call's CHANNEL_HANGUP_COMPLETE ends it. Both arrive on the inbound socket.
import type { Input, Outcome } from '../engine/index.js';
import type { EslEvent } from '../esl/index.js';
import { AGENT_CALL_SUBCLASS, type InboundNode } from '../freeswitch/index.js';
import type { Logger } from '../log.js';

interface TrackedCall {
  readonly agentId: string;
  readonly node: string;
}

export class ExternalCalls {
  /** Marked calls still up, by channel uuid. */
  readonly #calls = new Map<string, TrackedCall>();

  constructor(
    private readonly submit: (input: Input) => Outcome,
    private readonly logger: Logger,
  ) {}

  onInboundEvent(node: string, event: EslEvent): void {
    const uuid = event.get('Unique-ID') ?? '';
    if (event.name === 'CUSTOM' && event.subclass === AGENT_CALL_SUBCLASS) return this.#started(node, uuid, event.get('lineup_agent') ?? '');
    if (event.name === 'CHANNEL_HANGUP_COMPLETE') this.#ended(uuid);
  }

  /** After a node's event socket came back: calls that ended while it was down end now. */
  async reconcile(node: InboundNode): Promise<void> {
    const uuids = [...this.#calls].flatMap(([uuid, call]) => (call.node === node.name ? [uuid] : []));
    if (uuids.length === 0) return;
    const presence = await node.channelPresence(uuids);
    for (const uuid of presence.gone) this.#ended(uuid);
  }

  #started(node: string, uuid: string, agentId: string): void {
    if (uuid === '' || agentId === '') {
      this.logger.warn({ callUuid: uuid, agentId }, `a ${AGENT_CALL_SUBCLASS} event without Unique-ID or lineup_agent is ignored: mark calls with event Event-Name=CUSTOM,Event-Subclass=${AGENT_CALL_SUBCLASS},lineup_agent=<agent id>`);
      return;
    }
    if (this.#calls.has(uuid)) return;
    const outcome = this.submit({ kind: 'agent-external-call', agentId, active: true });
    if (outcome.error !== null) return; // logged by the host (unknown agent …)
    this.#calls.set(uuid, { agentId, node });
    this.logger.info({ callUuid: uuid, agentId }, 'agent on an own call');
  }

  #ended(uuid: string): void {
    const call = this.#calls.get(uuid);
    if (call === undefined) return;
    this.#calls.delete(uuid);
    this.submit({ kind: 'agent-external-call', agentId: call.agentId, active: false });
    this.logger.info({ callUuid: uuid, agentId: call.agentId }, 'agent own call ended');
  }
}
