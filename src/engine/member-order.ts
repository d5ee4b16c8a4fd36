// Service order. Within a queue: caller priority DESC, then score DESC (score = wait + base
// score, i.e. effective join time ASC), then arrival ASC. Across queues (what an agent serving
// several queues takes first): queue priority DESC, then the same.
import type { MemberRt } from './state.js';

export function memberBefore(a: MemberRt, b: MemberRt): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.orderAt !== b.orderAt) return a.orderAt < b.orderAt;
  return a.seq < b.seq;
}

export function globallyBefore(a: MemberRt, b: MemberRt): boolean {
  const pa = a.queue.config.priority;
  const pb = b.queue.config.priority;
  if (pa !== pb) return pa > pb;
  return memberBefore(a, b);
}
