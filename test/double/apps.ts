import { randomUUID } from 'node:crypto';
import type { Channel } from './channel.js';
import type { EventOptions } from './channel-events.js';
import type { Scheduler } from './scheduler.js';

/** A queued private message (sendmsg / dialplan step), as FreeSWITCH's session queue holds it. */
export type SessionMessage =
  | { readonly kind: 'execute'; readonly app: string; readonly arg: string; readonly eventUuid: string; readonly eventLock: boolean }
  | { readonly kind: 'hangup'; readonly cause: string };

/** What the app engine needs from the call model. */
export interface AppHost {
  emit(name: string, channel: Channel, options?: EventOptions, subclass?: string): void;
  answer(channel: Channel): void;
  hangup(channel: Channel, cause: string, side: 'local' | 'remote'): void;
  readonly scheduler: Scheduler;
  /** How long a finite file playback lasts in the double. */
  readonly playbackMs: number;
}

interface RunningApp {
  readonly app: string;
  readonly arg: string;
  readonly eventUuid: string;
  readonly eventLock: boolean;
  /** playback/say: polls the session queue (runs the next message nested unless locked). */
  readonly kind: 'playback' | 'park' | 'socket';
  cancelTimer: (() => void) | undefined;
  /** socket: its session ended without resume (CF_CONTROLLED cleared); the park ends when it next gets control. */
  detached?: boolean;
}

export function executeMessage(app: string, arg = '', eventLock = true, eventUuid: string = randomUUID()): SessionMessage {
  return { kind: 'execute', app, arg, eventUuid, eventLock };
}

const INSTANT_RESPONSE = '_none_';

/**
 * One channel's applications: the queue of private messages and the stack of running apps.
 * Mirrors switch_ivr_parse_next_event: parked (socket/park) or playing channels take the next message
 * unless a running app was started with event-lock, so an event-locked MOH blocks queued hangups/breaks.
 */
export class AppEngine {
  private readonly queue: SessionMessage[] = [];
  private readonly stack: RunningApp[] = [];
  /** Set by startSocketApp: whether the extension has apps after `socket` (see QueueExtension). */
  private appsAfterSocket = false;

  constructor(
    private readonly channel: Channel,
    private readonly host: AppHost,
  ) {}

  /**
   * The outbound socket session ended (mod_event_socket.c, end of listener_run). With resume (LFLAG_RESUME or
   * socket_resume=true) the channel is set to CS_RESET, which stops what runs under the socket app at once, and
   * socket_function sets CS_EXECUTE: the extension goes on after `socket`. Without, only CF_CONTROLLED is cleared:
   * the socket's park (switch_ivr_park) ends when it next gets control, i.e. once nothing plays nested in it, so a
   * stream such as local_stream://moh plays on until the caller hangs up.
   */
  socketEnded(resume: boolean): void {
    const socket = this.stack.find((r) => r.kind === 'socket');
    if (socket === undefined || !this.channel.isUp) return;
    if (!resume) {
      socket.detached = true;
      this.leaveDetachedSocket();
      return;
    }
    this.channel.state = 'CS_RESET';
    this.host.emit('CHANNEL_STATE', this.channel);
    this.continueDialplan();
  }

  /** After a playback ended by itself or by a break: a detached socket's park now sees CF_CONTROLLED cleared. */
  private leaveDetachedSocket(): void {
    if (this.channel.isUp && this.stack.length === 1 && this.stack[0]?.detached === true) this.continueDialplan();
  }

  /**
   * The socket app returned, or a bridge started from it ended without a hang-up: the extension goes on after
   * `socket` (the double records that instead of running the apps), or FreeSWITCH hangs up if nothing follows.
   */
  continueDialplan(): void {
    this.endAll();
    this.channel.state = 'CS_EXECUTE';
    this.host.emit('CHANNEL_STATE', this.channel);
    if (this.appsAfterSocket) this.channel.continuedDialplan = true;
    else this.host.hangup(this.channel, 'NORMAL_CLEARING', 'local');
  }

  /** The outbound `socket` app: the channel waits under it (parked) while the controller drives it. */
  startSocketApp(data: string, appsAfterSocket: boolean): void {
    this.appsAfterSocket = appsAfterSocket;
    const eventUuid = randomUUID();
    this.host.emit('CHANNEL_EXECUTE', this.channel, { post: appHeaders('socket', data, eventUuid) });
    this.stack.push({ app: 'socket', arg: data, eventUuid, eventLock: false, kind: 'socket', cancelTimer: undefined });
  }

  enqueue(message: SessionMessage): void {
    this.queue.push(message);
    this.pump();
  }

  private canDequeue(): boolean {
    return this.channel.isUp && this.stack.every((r) => !r.eventLock);
  }

  private pump(): void {
    while (this.queue.length > 0 && this.canDequeue()) {
      const next = this.queue.shift();
      if (next === undefined) return;
      if (next.kind === 'hangup') this.host.hangup(this.channel, next.cause, 'local');
      else this.execute(next);
    }
  }

  private execute(message: Extract<SessionMessage, { kind: 'execute' }>): void {
    const { app, arg, eventUuid, eventLock } = message;
    this.channel.setVariable('current_application', app);
    if (arg !== '') this.channel.setVariable('current_application_data', arg);
    this.host.emit('CHANNEL_EXECUTE', this.channel, { post: appHeaders(app, arg, eventUuid) });
    switch (app) {
      case 'answer':
      case 'pre_answer':
        this.host.answer(this.channel);
        return this.complete(app, arg, eventUuid, INSTANT_RESPONSE);
      case 'playback':
      case 'say':
      case 'endless_playback':
        return this.startPlayback(message);
      case 'park':
        this.host.emit('CHANNEL_PARK', this.channel);
        this.stack.push({ app, arg, eventUuid, eventLock, kind: 'park', cancelTimer: undefined });
        return;
      case 'hangup':
        this.host.hangup(this.channel, arg === '' ? 'NORMAL_CLEARING' : arg, 'local');
        return this.complete(app, arg, eventUuid, INSTANT_RESPONSE);
      case 'break':
        this.stopPlayback(false);
        return this.complete(app, arg, eventUuid, INSTANT_RESPONSE);
      case 'sleep':
        this.host.scheduler.after(Number(arg) || 0, () => this.complete(app, arg, eventUuid, INSTANT_RESPONSE));
        return;
      case 'event': {
        // mod_dptools event_function: `name=value,…` headers on a CHANNEL_APPLICATION event, whose Event-Name and
        // Event-Subclass may be set that way (CUSTOM lineup::agent_call), with the channel's data.
        const { name, subclass, headers } = eventAppArgs(arg);
        this.host.emit(name, this.channel, { post: headers, callingFile: 'mod_dptools.c', callingFunction: 'event_function' }, subclass);
        return this.complete(app, arg, eventUuid, INSTANT_RESPONSE);
      }
      case 'set':
      case 'export': {
        const eq = arg.indexOf('=');
        if (eq > 0) this.channel.setVariable(arg.slice(0, eq), arg.slice(eq + 1));
        return this.complete(app, arg, eventUuid, INSTANT_RESPONSE);
      }
      default:
        return this.complete(app, arg, eventUuid, INSTANT_RESPONSE);
    }
  }

  private playbackPath(app: string, arg: string): string {
    return app === 'say' ? `file_string://digits/${arg.split(' ').at(-1) ?? '0'}.wav` : arg;
  }

  private startPlayback({ app, arg, eventUuid, eventLock }: Extract<SessionMessage, { kind: 'execute' }>): void {
    const path = this.playbackPath(app, arg);
    this.host.emit('PLAYBACK_START', this.channel, { post: playbackHeaders(path) });
    const running: RunningApp = { app, arg, eventUuid, eventLock, kind: 'playback', cancelTimer: undefined };
    this.stack.push(running);
    // Streams (local_stream://moh) never end by themselves; files end after playbackMs.
    if (!path.startsWith('local_stream://') && app !== 'endless_playback') {
      running.cancelTimer = this.host.scheduler.after(this.host.playbackMs, () => {
        this.finishPlayback(running, 'done', app === 'say' ? INSTANT_RESPONSE : 'FILE PLAYED');
        this.leaveDetachedSocket();
      });
    }
    this.pump();
  }

  private finishPlayback(running: RunningApp, status: 'done' | 'break', response: string): void {
    const index = this.stack.indexOf(running);
    if (index < 0) return;
    running.cancelTimer?.();
    this.stack.splice(index, 1);
    this.host.emit('PLAYBACK_STOP', this.channel, { post: [...playbackHeaders(this.playbackPath(running.app, running.arg)), ['Playback-Status', status]] });
    this.complete(running.app, running.arg, running.eventUuid, response);
  }

  /** uuid_break / `*` terminator: stops the innermost playback (or all), then queued messages may run. */
  stopPlayback(all: boolean): void {
    const playing = this.stack.filter((r) => r.kind === 'playback').reverse();
    for (const running of all ? playing : playing.slice(0, 1)) this.finishPlayback(running, 'break', 'FILE PLAYED');
    this.leaveDetachedSocket();
  }

  get isPlaying(): boolean {
    return this.stack.some((r) => r.kind === 'playback');
  }

  private complete(app: string, arg: string, eventUuid: string, response: string): void {
    this.channel.setVariable('current_application_response', response);
    this.host.emit('CHANNEL_EXECUTE_COMPLETE', this.channel, { post: appHeaders(app, arg, eventUuid, response) });
    this.pump();
  }

  /**
   * Bridge, transfer or hangup pulls the channel out of everything it runs: playbacks end `done` with
   * PLAYBACK ERROR, park ends, and the socket app ends after CHANNEL_UNPARK (scenarios 01, 08, 11).
   */
  endAll(): void {
    this.queue.length = 0;
    while (this.stack.length > 0) {
      const running = this.stack.at(-1);
      if (running === undefined) return;
      if (running.kind === 'playback') {
        this.finishPlayback(running, 'done', 'PLAYBACK ERROR');
        continue;
      }
      this.stack.pop();
      this.host.emit('CHANNEL_UNPARK', this.channel);
      const response = running.kind === 'socket' ? String(this.channel.variables.get('current_application_response') ?? INSTANT_RESPONSE) : INSTANT_RESPONSE;
      this.host.emit('CHANNEL_EXECUTE_COMPLETE', this.channel, { post: appHeaders(running.app, running.arg, running.eventUuid, response) });
    }
  }
}

function appHeaders(app: string, arg: string, eventUuid: string, response?: string): Array<readonly [string, string]> {
  return [
    ['Application', app],
    ...(arg === '' ? [] : [['Application-Data', arg] as const]),
    ...(response === undefined ? [] : [['Application-Response', response] as const]),
    ['Application-UUID', eventUuid],
  ];
}

function playbackHeaders(path: string): Array<readonly [string, string]> {
  return [...(path.startsWith('local_stream://') ? [['Playback-File-Type', 'local_stream'] as const] : []), ['Playback-File-Path', path]];
}

function eventAppArgs(arg: string): { name: string; subclass: string | undefined; headers: Array<readonly [string, string]> } {
  let name = 'CHANNEL_APPLICATION';
  let subclass: string | undefined;
  const headers: Array<readonly [string, string]> = [];
  for (const item of arg.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key.toLowerCase() === 'event-name') name = value;
    else if (key.toLowerCase() === 'event-subclass') subclass = value;
    else headers.push([key, value]);
  }
  return { name, subclass, headers };
}
