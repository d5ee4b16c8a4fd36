// Position / estimated-wait announcements (on entry and every announceFrequencySeconds, start to
// start) and the periodic sound (every periodicFrequencySeconds, first after one period).
import type { Ctx } from './context.js';
import { queueWaitEstimate } from './estimated-wait.js';
import { positionOf } from './positions.js';
import type { MemberRt } from './state.js';

export function startAnnouncements(ctx: Ctx, member: MemberRt): void {
  const c = member.queue.config;
  if (c.announceOnEntry) announce(ctx, member);
  scheduleAnnounce(ctx, member);
  schedulePlay(ctx, member);
}

function scheduleAnnounce(ctx: Ctx, member: MemberRt): void {
  const seconds = member.queue.config.announceFrequencySeconds;
  member.timers.announce = seconds > 0 ? ctx.s.timers.schedule(ctx.now + seconds * 1000, { kind: 'announce', member }) : null;
}

function schedulePlay(ctx: Ctx, member: MemberRt): void {
  const c = member.queue.config;
  member.timers.play =
    c.periodicSound !== null && c.periodicFrequencySeconds > 0
      ? ctx.s.timers.schedule(ctx.now + c.periodicFrequencySeconds * 1000, { kind: 'play', member })
      : null;
}

function announce(ctx: Ctx, member: MemberRt): void {
  const c = member.queue.config;
  if (!c.announcePosition && !c.announceHoldTime) return;
  const position = positionOf(member);
  if (position === null) return;
  ctx.command({
    kind: 'announce',
    callId: member.callId,
    position: c.announcePosition ? position : null,
    estimatedWaitSeconds: c.announceHoldTime ? queueWaitEstimate(member.queue, position) : null,
  });
}

export function announceDue(ctx: Ctx, member: MemberRt): void {
  announce(ctx, member);
  scheduleAnnounce(ctx, member);
}

export function playDue(ctx: Ctx, member: MemberRt): void {
  const sound = member.queue.config.periodicSound;
  if (sound !== null) ctx.command({ kind: 'play', callId: member.callId, sound });
  schedulePlay(ctx, member);
}
