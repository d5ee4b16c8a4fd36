// The queue engine: pure, event-driven, in memory. Each input is validated first (an error
// changes nothing), then applied; then due work is dispatched (see dispatch.ts).
import { agentReady, applyStatus, externalCall } from './agents.js';
import { callEnded } from './calls.js';
import { callerAbandoned, callerEntered, callerKey } from './callers.js';
import { upsertAgent, removeAgent, removeQueue, upsertQueue, upsertTier, removeTier } from './config.js';
import { Ctx } from './context.js';
import { settle } from './dispatch.js';
import type { Input } from './inputs.js';
import { offerManualCall, pickManualCall } from './manual.js';
import { answerOffer, offerFailedInput, offerRejected } from './offers.js';
import type { AgentSnapshot, EngineError, EngineErrorCode, EngineSnapshot, MemberSnapshot, Outcome } from './outcome.js';
import { createRng } from './rng.js';
import { agentSnapshotOf, memberSnapshotOf, queueMemberSnapshotsOf, snapshotOf } from './snapshot.js';
import { STALE_MEMORY, type AgentRt, type EngineState, type MemberRt, type OfferRt, type TimerAction } from './state.js';
import { BoundedMemory } from './bounded-memory.js';
import { DirtySet } from './dirty-set.js';
import { TimerHeap } from './timer-heap.js';
import { fireDueTimers } from './timers.js';
import { validateAgentConfig, validateCaller, validateQueueConfig, validateStatus, validateTierConfig } from './validate.js';

export interface EngineOptions {
  /** Seed of the engine's own PRNG (random strategies); default 1. */
  readonly seed?: number;
}

type Apply = (ctx: Ctx) => void;

function fail(code: EngineErrorCode, message: string): EngineError {
  return { code, message };
}

export class Engine {
  private readonly s: EngineState;

  constructor(options: EngineOptions = {}) {
    this.s = {
      queues: new Map(),
      agents: new Map(),
      members: new Map(),
      offers: new Map(),
      cancelledOffers: new BoundedMemory(STALE_MEMORY),
      endedCalls: new BoundedMemory(STALE_MEMORY),
      timers: new TimerHeap<TimerAction>(),
      dirtyAgents: new DirtySet(),
      dirtyMembers: new DirtySet(),
      bestCallers: new Map(),
      rng: createRng(options.seed ?? 1),
      offerCounter: 0,
      memberSeq: 0,
    };
  }

  /** Applies one input at `now` (epoch ms). Never throws: bad input comes back as `error`. */
  handle(input: Input, now: number): Outcome {
    const planned =
      typeof input !== 'object' || input === null || !Number.isFinite(now)
        ? fail('invalid-config', `handle needs an input object and a finite time, got ${JSON.stringify(input)} at ${now}`)
        : this.plan(input);
    if (!(planned instanceof Function)) return { commands: [], events: [], error: planned };
    const ctx = new Ctx(this.s, now);
    planned(ctx);
    settle(ctx);
    return { commands: ctx.commands, events: ctx.events, error: null };
  }

  /** Earliest epoch ms at which handle({ kind: 'timer' }, t) is needed, or null. */
  nextDeadline(): number | null {
    return this.s.timers.nextAt();
  }

  snapshot(now: number): EngineSnapshot {
    return snapshotOf(this.s, now);
  }

  /** One agent's row of snapshot().agents (undefined: none). With touchedBy, a mirror rewrites only what changed. */
  agentSnapshot(agentId: string): AgentSnapshot | undefined {
    return agentSnapshotOf(this.s, agentId);
  }

  /** One caller's row of snapshot().members (undefined: none). */
  memberSnapshot(callId: string): MemberSnapshot | undefined {
    return memberSnapshotOf(this.s, callId);
  }

  /** The rows of snapshot().members of a queue's callers not yet connected, in order. */
  queueMemberSnapshots(queue: string): MemberSnapshot[] {
    return queueMemberSnapshotsOf(this.s, queue);
  }

  /** Validates the input against the state; returns what applying it does, or the error. */
  private plan(input: Input): Apply | EngineError {
    const s = this.s;
    switch (input.kind) {
      case 'timer':
        return fireDueTimers;
      case 'queue-upserted': {
        const error = validateQueueConfig(input.queue);
        return error ?? ((ctx) => upsertQueue(ctx, input.queue));
      }
      case 'queue-removed': {
        const queue = s.queues.get(input.queue);
        return queue === undefined ? unknownQueue(input.queue) : (ctx) => removeQueue(ctx, queue);
      }
      case 'agent-upserted': {
        const error =
          validateAgentConfig(input.agent) ?? (input.restoreStatus === undefined ? null : validateStatus(input.restoreStatus));
        return error ?? ((ctx) => upsertAgent(ctx, input));
      }
      case 'agent-removed':
        return this.withAgent(input.agentId, (agent) => (ctx) => removeAgent(ctx, agent));
      case 'tier-upserted': {
        const error = validateTierConfig(input.tier);
        if (error !== null) return error;
        const queue = s.queues.get(input.tier.queue);
        if (queue === undefined) return unknownQueue(input.tier.queue);
        return this.withAgent(input.tier.agentId, (agent) => (ctx) => upsertTier(ctx, queue, agent, input.tier));
      }
      case 'tier-removed': {
        const tier = s.agents.get(input.agentId)?.tiers.get(input.queue);
        if (tier === undefined) {
          if (!s.queues.has(input.queue)) return unknownQueue(input.queue);
          return fail('unknown-agent', `agent ${input.agentId} has no tier in queue ${input.queue}`);
        }
        return (ctx) => removeTier(ctx, tier);
      }
      case 'agent-status-set':
        return this.withAgent(input.agentId, (agent) => {
          const error = validateStatus(input.status);
          if (error !== null) return error;
          if (input.status === 'Logged Out' && agent.config.type === 'static') {
            return fail('static-agent', `agent ${agent.config.id} is static: always logged in; pause it instead`);
          }
          return (ctx) => applyStatus(ctx, agent, input.status, input.reason ?? null, input.source ?? 'unknown');
        });
      case 'agent-ready':
        return this.withAgent(input.agentId, (agent) => (ctx) => agentReady(ctx, agent));
      case 'agent-external-call':
        return this.withAgent(input.agentId, (agent) => (ctx) => externalCall(ctx, agent, input.active));
      case 'agent-request-call':
        return this.withAgent(input.agentId, (agent) => {
          const pick = pickManualCall(agent, input.callId, s.members);
          return 'code' in pick ? pick : (ctx) => offerManualCall(ctx, agent, pick);
        });
      case 'caller-entered': {
        const queue = s.queues.get(input.queue);
        if (queue === undefined) return unknownQueue(input.queue);
        const error = validateCaller(input);
        if (error !== null) return error;
        if (s.members.has(input.callId)) return fail('duplicate-call', `call ${input.callId} is already in queue ${s.members.get(input.callId)?.queue.name}`);
        return (ctx) => callerEntered(ctx, queue, input);
      }
      case 'caller-left':
        return this.withMember(input.callId, (member) => (ctx) => {
          if (member.connectedTo !== null) callEnded(ctx, member, 'COMPLETECALLER', null);
          else callerAbandoned(ctx, member);
        });
      case 'caller-key':
        return this.withMember(input.callId, (member) => (ctx) => callerKey(ctx, member, input.key));
      case 'offer-answered': {
        const offer = s.offers.get(input.offerId);
        if (offer !== undefined) return (ctx) => answerOffer(ctx, offer);
        const cancelled = s.cancelledOffers.get(input.offerId);
        if (cancelled !== undefined) {
          // Answered after we cancelled it (caller left, lost the race...): hang the agent leg up.
          return (ctx) => {
            s.cancelledOffers.delete(input.offerId);
            ctx.command({ kind: 'cancel-ring', offerId: input.offerId, ...cancelled });
          };
        }
        return fail('stale', `offer ${input.offerId} is no longer ringing`);
      }
      case 'offer-failed':
        return this.withOffer(input.offerId, (offer) => (ctx) => offerFailedInput(ctx, offer, input.cause));
      case 'offer-rejected':
        return this.withOffer(input.offerId, (offer) => (ctx) => offerRejected(ctx, offer));
      case 'call-ended':
        return this.withConnected(input.callId, (member) => (ctx) =>
          callEnded(ctx, member, input.by === 'agent' ? 'COMPLETEAGENT' : 'COMPLETECALLER', null),
        );
      case 'call-transferred':
        return this.withConnected(input.callId, (member) => (ctx) =>
          callEnded(ctx, member, input.transfer === 'blind' ? 'BLINDTRANSFER' : 'TRANSFER', input.target),
        );
      default:
        return fail('invalid-config', `unknown input kind ${JSON.stringify((input as { kind?: unknown }).kind)}`);
    }
  }

  private withAgent(id: string, apply: (agent: AgentRt) => Apply | EngineError): Apply | EngineError {
    const agent = this.s.agents.get(id);
    return agent === undefined ? fail('unknown-agent', `no agent ${id}`) : apply(agent);
  }

  private withMember(callId: string, apply: (member: MemberRt) => Apply | EngineError): Apply | EngineError {
    const member = this.s.members.get(callId);
    if (member !== undefined) return apply(member);
    return this.s.endedCalls.has(callId)
      ? fail('stale', `call ${callId} already left its queue`)
      : fail('unknown-call', `no call ${callId} in any queue`);
  }

  private withConnected(callId: string, apply: (member: MemberRt) => Apply): Apply | EngineError {
    return this.withMember(callId, (member) =>
      member.connectedTo !== null ? apply(member) : fail('unknown-call', `call ${callId} is not connected to an agent`),
    );
  }

  private withOffer(offerId: string, apply: (offer: OfferRt) => Apply): Apply | EngineError {
    const offer = this.s.offers.get(offerId);
    if (offer !== undefined) return apply(offer);
    this.s.cancelledOffers.delete(offerId); // its final report: nothing more will come
    return fail('stale', `offer ${offerId} is no longer ringing`);
  }
}

function unknownQueue(name: string): EngineError {
  return fail('unknown-queue', `no queue ${name}`);
}
