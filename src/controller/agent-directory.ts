// Finding the agent behind a phone: a feature-code call carries the agent's caller id number,
// which is the agent id or the user part of its contact (user/1000@pbx, sofia/internal/1000@host).
import type { AgentConfig } from '../engine/index.js';

function contactUser(contact: string): string | undefined {
  const lastSegment = contact.split('/').pop() ?? '';
  const user = lastSegment.split(/[@%]/)[0];
  return user === '' ? undefined : user;
}

export function agentForCaller(agents: Iterable<AgentConfig>, callerIdNumber: string, explicitId?: string): AgentConfig | undefined {
  const list = [...agents];
  if (explicitId !== undefined && explicitId !== '') return list.find((agent) => agent.id === explicitId);
  return list.find((agent) => agent.id === callerIdNumber) ?? list.find((agent) => contactUser(agent.contact) === callerIdNumber);
}
