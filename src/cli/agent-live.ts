// Live agent operations from the CLI: to the running controller's API when there is one;
// otherwise the status is saved in Postgres for the next controller to restore.
import { createApiClient } from '../api/client.js';
import {
  checkPauseReason,
  parsePauseReasons,
  staticAgentMessage,
  statusFor,
  type AgentActionRequest,
} from '../api/agent-actions.js';
import { ensureTier, type ConfigEditor } from '../api/config-editor.js';
import { saveAgentStatus, savedSnapshot } from '../api/persisted-state.js';
import type { AgentConfig, AgentSnapshot } from '../engine/index.js';
import type { LineupDatabase } from '../store/database.js';
import { unwrap } from './api-failure.js';
import { openConfigEditor } from '../api/config-store.js';
import { resolveTarget, withDatabase, type CliTarget } from './connect.js';
import { runtimeError, usageError } from './errors.js';

export interface LiveFlags {
  readonly apiUrl?: string;
  readonly apiToken?: string;
  readonly json?: boolean;
}

export interface AgentView {
  readonly agent: AgentSnapshot;
  /** true: the controller's view; false: the saved status (no controller running). */
  readonly live: boolean;
}

async function savedAgent(database: LineupDatabase, agent: AgentConfig): Promise<AgentSnapshot> {
  const now = Date.now();
  const snapshot = unwrap(await savedSnapshot(database.db, [agent], now));
  const saved = snapshot.agents.find((item) => item.id === agent.id);
  if (saved === undefined) throw runtimeError(`agent ${agent.id} has a configuration the engine refuses: check it with \`lineup agent show ${agent.id}\``);
  return saved;
}

async function applyOffline(target: CliTarget, agentId: string, request: AgentActionRequest): Promise<AgentView> {
  const status = statusFor(request);
  if (status === null) throw runtimeError(`agent ${request.action} needs a running controller: start \`lineup serve\``);
  return withDatabase(target, async (database) => {
    const editor: ConfigEditor = openConfigEditor(database);
    const agent = unwrap(await editor.agents.get(agentId));
    if (agent.type === 'static' && status === 'Logged Out') throw usageError(staticAgentMessage(agentId));
    if (request.queue !== undefined) unwrap(await ensureTier(editor, request.queue, agentId));
    unwrap(await saveAgentStatus(database.db, agent, status, request.reason ?? null, Date.now()));
    return { agent: await savedAgent(database, agent), live: false };
  });
}

export async function applyAgentAction(agentId: string, request: AgentActionRequest, flags: LiveFlags): Promise<AgentView> {
  const target = await resolveTarget(flags);
  if (target.controller === null) {
    // The controller checks reasons against its own list; without one, against ours.
    if (request.action === 'pause') {
      const refused = checkPauseReason(request.reason, parsePauseReasons(process.env['LINEUP_PAUSE_REASONS']));
      if (refused !== null) throw usageError(refused.message);
    }
    return applyOffline(target, agentId, request);
  }
  const client = createApiClient({ url: target.controller.apiUrl, ...(target.controller.apiToken !== undefined ? { token: target.controller.apiToken } : {}) });
  return { agent: unwrap(await client.agentAction(agentId, { ...request, source: 'cli' })), live: true };
}

export async function readAgentStatus(agentId: string, flags: LiveFlags): Promise<AgentView> {
  const target = await resolveTarget(flags);
  if (target.controller === null) {
    return withDatabase(target, async (database) => {
      const agent = unwrap(await openConfigEditor(database).agents.get(agentId));
      return { agent: await savedAgent(database, agent), live: false };
    });
  }
  const client = createApiClient({ url: target.controller.apiUrl });
  return { agent: unwrap(await client.agentStatus(agentId)), live: true };
}
