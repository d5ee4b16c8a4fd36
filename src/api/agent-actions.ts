// The live agent operations an operator or an integration asks for, and what each one means as a
// status change. Shared by the API (through the ControlPlane) and by the CLI when no controller
// runs (the status is then persisted for the next controller to restore).
import type { AgentStatus, EngineError } from '../engine/index.js';
import { apiError, type ApiError } from './api-error.js';

export const AGENT_ACTIONS = ['login', 'logout', 'pause', 'resume', 'ready', 'request-call'] as const;
export type AgentAction = (typeof AGENT_ACTIONS)[number];

export interface AgentActionRequest {
  readonly action: AgentAction;
  /** login: a queue to join; a tier (level 1, position 1) is added when the agent has none there. */
  readonly queue?: string;
  /** login: Available (On Demand) instead of Available. */
  readonly onDemand?: boolean;
  /** pause: the reason, carried by the PAUSE and UNPAUSE events. */
  readonly reason?: string;
  /** request-call: a given caller instead of the next one. */
  readonly callId?: string;
  /** Who asks, carried by the events: 'cli', a CRM's name; default 'api'. */
  readonly source?: string;
}

/** The status an action sets, or null for ready / request-call (no status change). */
export function statusFor(request: AgentActionRequest): AgentStatus | null {
  switch (request.action) {
    case 'login':
      return request.onDemand === true ? 'Available (On Demand)' : 'Available';
    case 'logout':
      return 'Logged Out';
    case 'pause':
      return 'On Break';
    case 'resume':
      return 'Available';
    case 'ready':
    case 'request-call':
      return null;
  }
}

/** A pause reason against the configured list (null: free text); the reason is optional without a list. */
export function checkPauseReason(reason: string | undefined, allowed: readonly string[] | null): ApiError | null {
  if (allowed === null || allowed.length === 0) {
    return reason !== undefined && reason.trim() === ''
      ? apiError('invalid', 'invalid value "" for reason: allowed non-empty text, or no reason at all', 'reason')
      : null;
  }
  if (reason !== undefined && allowed.includes(reason)) return null;
  const given = reason === undefined ? 'no reason' : `invalid value ${JSON.stringify(reason)}`;
  return apiError('invalid', `${given} for reason: allowed one of ${allowed.join(', ')} (the configured pause reasons)`, 'reason');
}

/** The message of a static agent asked to log out, wherever it is asked. */
export function staticAgentMessage(agentId: string): string {
  return `agent ${agentId} is static: static agents are always logged in and cannot log out (pause it, or make it dynamic with \`lineup agent set ${agentId} --type dynamic\`)`;
}

export function engineErrorToApi(error: EngineError, agentId: string): ApiError {
  switch (error.code) {
    case 'unknown-agent':
      // The API checks the configuration first: the agent exists, the engine has not loaded it yet.
      return apiError('conflict', `agent ${agentId} is configured but the controller has not loaded it yet (changes apply within a second): try again`);
    case 'unknown-queue':
    case 'unknown-call':
      return apiError('not-found', error.message);
    case 'static-agent':
      return apiError('conflict', staticAgentMessage(agentId));
    case 'invalid-config':
      return apiError('invalid', error.message);
    default:
      return apiError('conflict', error.message);
  }
}

/** "lunch, meeting,training" -> the list; empty or absent -> null (free text). */
export function parsePauseReasons(text: string | undefined): readonly string[] | null {
  const reasons = (text ?? '').split(',').map((reason) => reason.trim()).filter((reason) => reason !== '');
  return reasons.length > 0 ? reasons : null;
}
