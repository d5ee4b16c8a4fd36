// What changed in the live state since the last write: the rows to upsert and the ids to delete,
// so that a dispatch touching two agents writes two rows, not all of them.
import type { AgentSnapshot, MemberSnapshot } from '../engine/index.js';

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

/** Every row of the live state (an EngineSnapshot is one). */
export interface LiveRows {
  readonly agents: readonly AgentSnapshot[];
  readonly members: readonly MemberSnapshot[];
}

/** Some rows read again, by id; undefined: that row is gone. */
export interface RowsRead {
  readonly agents: ReadonlyMap<string, AgentSnapshot | undefined>;
  readonly members: ReadonlyMap<string, MemberSnapshot | undefined>;
}

/** The rows as last written, by id. */
export interface WrittenState {
  readonly agents: Map<string, AgentSnapshot>;
  readonly members: Map<string, MemberSnapshot>;
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

function changedRows<T extends object>(written: ReadonlyMap<string, T>, read: ReadonlyMap<string, T | undefined>): { changed: T[]; gone: string[] } {
  const changed: T[] = [];
  const gone: string[] = [];
  for (const [id, row] of read) {
    const before = written.get(id);
    if (row === undefined) {
      if (before !== undefined) gone.push(id);
    } else if (before === undefined || !sameRecord(before, row)) {
      changed.push(row);
    }
  }
  return { changed, gone };
}

function update<T>(written: Map<string, T>, read: ReadonlyMap<string, T | undefined>): void {
  for (const [id, row] of read) {
    if (row === undefined) written.delete(id);
    else written.set(id, row);
  }
}

export function writtenStateOf(rows: LiveRows): WrittenState {
  return {
    agents: new Map(rows.agents.map((agent) => [agent.id, agent])),
    members: new Map(rows.members.map((member) => [member.callId, member])),
  };
}

/** The first write: every row, replacing whatever the tables held. */
export function fullChanges(rows: LiveRows): LiveStateChanges {
  return { full: true, agents: rows.agents, members: rows.members, goneAgentIds: [], goneCallIds: [] };
}

/** Of the rows read again, those that differ from what is written. */
export function rowChanges(written: WrittenState, read: RowsRead): LiveStateChanges {
  const agents = changedRows(written.agents, read.agents);
  const members = changedRows(written.members, read.members);
  return { full: false, agents: agents.changed, members: members.changed, goneAgentIds: agents.gone, goneCallIds: members.gone };
}

/** After a successful write of rowChanges(written, read): `written` is what the tables hold. */
export function recordWritten(written: WrittenState, read: RowsRead): void {
  update(written.agents, read.agents);
  update(written.members, read.members);
}

export function isEmpty(changes: LiveStateChanges): boolean {
  return !changes.full && changes.agents.length + changes.members.length + changes.goneAgentIds.length + changes.goneCallIds.length === 0;
}
