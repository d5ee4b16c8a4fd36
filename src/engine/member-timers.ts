// A caller's own timers, all dropped once it is connected or gone.
import type { MemberRt } from './state.js';
import { cancelTimer } from './timer-heap.js';

export function cancelMemberTimers(member: MemberRt): void {
  const t = member.timers;
  t.maxWait = cancelTimer(t.maxWait);
  t.announce = cancelTimer(t.announce);
  t.play = cancelTimer(t.play);
  t.gate = cancelTimer(t.gate);
  t.progressive = cancelTimer(t.progressive);
}
