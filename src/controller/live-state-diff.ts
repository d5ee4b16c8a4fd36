// What changed in the live state since the last write: the rows to upsert and the ids to delete,
// so that a dispatch touching two agents writes two rows, not all of them.
import type { AgentSnapshot, EngineSnapshot, MemberSnapshot } from '../engine/index.js';

export interface LiveStateChanges {
  /** The tables hold whatever an earlier run left: every row is given, and rows of others go. */
  readonly full: boolean;
  /** New or changed since the last write (all of them when full). */
  readonly agents: readonly AgentSnapshot[];
  readonly members: readonly MemberSnapshot[];
  /** Written last time, gone now (empty when full). */
  readonly goneAgentIds: readonly string[];
  readonly goneCallIds: readonly string[];
}

/** The rows as last written, by id. */
export interface WrittenState {
  readonly agents: ReadonlyMap<string, AgentSnapshot>;
  readonly members: ReadonlyMap<string, MemberSnapshot>;
}

/** Snapshots are plain records of primitives and arrays of primitives. */
function sameRecord<T extends object>(a: T, b: T): boolean {
  for (const key of Object.keys(a) as (keyof T)[]) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.some((item, i) => item !== y[i])) return false;
  }
  return true;
}

function diffById<T extends object>(written: ReadonlyMap<string, T>, current: ReadonlyMap<string, T>): { changed: T[]; gone: string[] } {
  const changed: T[] = [];
  for (const [id, row] of current) {
    const before = written.get(id);
    if (before === undefined || !sameRecord(before, row)) changed.push(row);
  }
  const gone: string[] = [];
  for (const id of written.keys()) if (!current.has(id)) gone.push(id);
  return { changed, gone };
}

export function writtenStateOf(snapshot: EngineSnapshot): WrittenState {
  return {
    agents: new Map(snapshot.agents.map((agent) => [agent.id, agent])),
    members: new Map(snapshot.members.map((member) => [member.callId, member])),
  };
}

/** Changes from `written` (null: nothing known to be written) to `current`. */
export function liveStateChanges(written: WrittenState | null, current: WrittenState): LiveStateChanges {
  if (written === null) {
    return { full: true, agents: [...current.agents.values()], members: [...current.members.values()], goneAgentIds: [], goneCallIds: [] };
  }
  const agents = diffById(written.agents, current.agents);
  const members = diffById(written.members, current.members);
  return { full: false, agents: agents.changed, members: members.changed, goneAgentIds: agents.gone, goneCallIds: members.gone };
}

export function isEmpty(changes: LiveStateChanges): boolean {
  return !changes.full && changes.agents.length + changes.members.length + changes.goneAgentIds.length + changes.goneCallIds.length === 0;
}
