// Everything that can happen to the engine. The shell (FreeSWITCH adapter, CLI/API, simulator)
// turns what it sees into one of these and calls `engine.handle(input, now)`.
import type { AgentConfig, AgentStatus, OfferFailureCause, QueueConfig, TierConfig } from './model.js';

export type Input =
  // Configuration, applied live. Upserts replace the whole record; calls in progress are untouched.
  | { readonly kind: 'queue-upserted'; readonly queue: QueueConfig }
  | { readonly kind: 'queue-removed'; readonly queue: string }
  | {
      readonly kind: 'agent-upserted';
      readonly agent: AgentConfig;
      /**
       * Status to restore when the engine does not know this agent yet (controller restart):
       * applied silently, without AGENTLOGIN/PAUSE events. Ignored for a known agent.
       * Default: Available for static agents, Logged Out for dynamic ones.
       */
      readonly restoreStatus?: AgentStatus;
      readonly restorePauseReason?: string | null;
    }
  | { readonly kind: 'agent-removed'; readonly agentId: string }
  | { readonly kind: 'tier-upserted'; readonly tier: TierConfig }
  | { readonly kind: 'tier-removed'; readonly queue: string; readonly agentId: string }

  // Agent status, set by people (CLI, API, feature code).
  | {
      readonly kind: 'agent-status-set';
      readonly agentId: string;
      readonly status: AgentStatus;
      /** Pause reason, kept only with On Break. */
      readonly reason?: string | null;
      /** Who asked: 'cli', 'api', 'feature-code', ... (goes into the event data). */
      readonly source?: string;
    }
  /** Wrap-up finished early, or an Available (On Demand) agent who is Idle becomes Waiting again. */
  | { readonly kind: 'agent-ready'; readonly agentId: string }
  /** Manual assignment: the agent asks for the next caller (of any of its manual queues) or a given one. */
  | { readonly kind: 'agent-request-call'; readonly agentId: string; readonly callId?: string }
  /** The agent is on / off a call that is not a queue call (mod_callcenter callcenter_track). */
  | { readonly kind: 'agent-external-call'; readonly agentId: string; readonly active: boolean }

  // The caller's leg.
  | {
      readonly kind: 'caller-entered';
      readonly callId: string;
      readonly queue: string;
      readonly callerIdNumber: string;
      readonly callerIdName: string;
      /** Caller priority: higher is served first within a queue (default 0). */
      readonly priority?: number;
      /** mod_callcenter cc_base_score, seconds added to the wait when ordering (default 0). */
      readonly baseScoreSeconds?: number;
      /** Seconds the caller already spent in the system before joining (time-base-score=system). */
      readonly secondsInSystem?: number;
    }
  /** The caller hung up (or was taken away by a transfer not ours) while waiting or while agents rang. */
  | { readonly kind: 'caller-left'; readonly callId: string }
  /** A DTMF digit from a waiting caller. */
  | { readonly kind: 'caller-key'; readonly callId: string; readonly key: string }

  // Offers (one ring of one agent for one caller).
  | { readonly kind: 'offer-answered'; readonly offerId: string }
  | { readonly kind: 'offer-failed'; readonly offerId: string; readonly cause: OfferFailureCause }
  /** The agent declined the offer from the UI/API (the shell hangs the leg up after this). */
  | { readonly kind: 'offer-rejected'; readonly offerId: string }

  // After CONNECT.
  | { readonly kind: 'call-ended'; readonly callId: string; readonly by: 'agent' | 'caller' }
  | {
      readonly kind: 'call-transferred';
      readonly callId: string;
      readonly transfer: 'blind' | 'attended';
      readonly target: string;
    }

  /** A deadline the engine asked for (see Engine.nextDeadline) has come. */
  | { readonly kind: 'timer' };

export type InputKind = Input['kind'];
