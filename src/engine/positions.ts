// Positions: 1-based among the queue's callers not yet connected, in service order.
import { memberBefore } from './member-order.js';
import { indexOfSorted } from './sorted.js';
import type { MemberRt } from './state.js';

export function positionOf(member: MemberRt): number | null {
  if (member.connectedTo !== null) return null;
  const i = indexOfSorted(member.queue.members, member, memberBefore);
  return i < 0 ? null : i + 1;
}
