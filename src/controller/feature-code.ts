// An agent dialed a feature code: the dialplan sent the agent's own call with lineup_action set.
// Lineup finds the agent from the caller, changes the status, confirms with a short prompt and
// hangs up. An unknown agent or a refused change goes back to the dialplan (its fallback).
import type { AgentConfig, EngineError } from '../engine/index.js';
import type { CallConnection } from '../freeswitch/index.js';
import type { Logger } from '../log.js';
import { agentForCaller } from './agent-directory.js';
import { PROMPTS } from './prompts.js';

export const FEATURE_ACTIONS = ['agent-login', 'agent-logout'] as const;
export type FeatureAction = (typeof FEATURE_ACTIONS)[number];

export function isFeatureAction(value: string): value is FeatureAction {
  return (FEATURE_ACTIONS as readonly string[]).includes(value);
}

export interface FeatureCodeDeps {
  readonly agents: () => readonly AgentConfig[];
  readonly setStatus: (agentId: string, action: FeatureAction) => EngineError | null;
  readonly logger: Logger;
}

export async function runFeatureCode(call: CallConnection, action: FeatureAction, deps: FeatureCodeDeps): Promise<void> {
  const channel = call.channel;
  const log = deps.logger.child({ callId: channel.uuid, action, callerIdNumber: channel.callerIdNumber });
  const agent = agentForCaller(deps.agents(), channel.callerIdNumber, channel.variables.get('lineup_agent'));
  if (agent === undefined) {
    log.warn({}, 'feature code from a caller that is no agent (no agent id or contact user matches the caller id number); the dialplan continues');
    await call.release();
    return;
  }
  const error = deps.setStatus(agent.id, action);
  if (error !== null) {
    log.warn({ agentId: agent.id, code: error.code }, `feature code refused: ${error.message}; the dialplan continues`);
    await call.release();
    return;
  }
  log.info({ agentId: agent.id }, 'agent status changed by feature code');
  await call.execute('answer', undefined, { eventLock: true });
  await call.execute('playback', action === 'agent-login' ? PROMPTS.loggedIn : PROMPTS.loggedOut, { eventLock: true });
  await call.hangup('NORMAL_CLEARING');
}
