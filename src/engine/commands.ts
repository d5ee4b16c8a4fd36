// What the engine asks the shell to do. The shell executes them in order; their outcome comes
// back later as inputs (offer-answered, offer-failed, ...).

export type Command =
  /** Ring one agent for one caller. offerId is unique for the engine's lifetime. */
  | {
      readonly kind: 'ring';
      readonly offerId: string;
      readonly callId: string;
      readonly queue: string;
      readonly agentId: string;
      readonly contact: string;
      readonly timeoutSeconds: number;
      readonly callerIdNumber: string;
      readonly callerIdName: string;
    }
  /** Stop ringing (caller left, another agent won, status changed, ring time over, rejected). */
  | {
      readonly kind: 'cancel-ring';
      readonly offerId: string;
      readonly callId: string;
      readonly agentId: string;
      readonly reason: RingCancelReason;
    }
  /** The agent answered: connect the caller to the agent's leg. Stop any announcement first. */
  | {
      readonly kind: 'bridge';
      readonly offerId: string;
      readonly callId: string;
      readonly queue: string;
      readonly agentId: string;
      /** The queue's record template, or null. */
      readonly recordTemplate: string | null;
    }
  /** Tell a waiting caller its position and estimated wait (either may be null: not announced). */
  | {
      readonly kind: 'announce';
      readonly callId: string;
      readonly position: number | null;
      readonly estimatedWaitSeconds: number | null;
    }
  /** Play a periodic sound to a waiting caller (mod_callcenter announce-sound). */
  | { readonly kind: 'play'; readonly callId: string; readonly sound: string }
  /**
   * The caller leaves the queue without an agent: transfer to destination (null = the dialplan
   * continues after the queue, as mod_callcenter does) .
   */
  | {
      readonly kind: 'exit';
      readonly callId: string;
      readonly queue: string;
      readonly reason: ExitReason;
      readonly destination: string | null;
    };

export type CommandKind = Command['kind'];

export type RingCancelReason = 'caller-left' | 'lose-race' | 'status-change' | 'ring-timeout' | 'rejected' | 'removed';

export type ExitReason = 'timeout' | 'empty' | 'key' | 'full' | 'join-empty' | 'queue-removed';
