import { randomUUID } from 'node:crypto';
import type { CallModel } from './call-model.js';
import type { Channel } from './channel.js';
import { executeMessage } from './apps.js';
import { parseOriginate, type OriginateLeg, type OriginateRequest } from './dial-string.js';

const DEFAULT_TIMEOUT_SECONDS = 60;

/** Failures that never create a channel (the user directory / registration lookup fails first). */
const NO_CHANNEL_CAUSES = new Set(['USER_NOT_REGISTERED', 'SUBSCRIBER_ABSENT']);

interface RingingLeg {
  readonly channel: Channel;
  readonly cancelTimers: Array<() => void>;
}

/** `sofia/internal/agent1@127.0.0.1:5090` stays; `user/1000@default` becomes `sofia/internal/1000@default`. */
function channelName(endpoint: string): string {
  return endpoint.startsWith('user/') ? `sofia/internal/${endpoint.slice('user/'.length)}` : endpoint;
}

function legUser(endpoint: string): string {
  return endpoint.split('/').at(-1)?.split('@')[0] ?? endpoint;
}

/**
 * One `originate`: rings every leg at once, the first answer wins (losers: LOSE_RACE), the job body is
 * `+OK <winner>\n` or `-ERR <cause>\n`. Pending legs are registered with the model so `uuid_kill` can cancel them.
 */
class OriginateAttempt {
  private readonly ringing = new Map<string, RingingLeg>();
  private lastCause = 'NO_ANSWER';
  private finished = false;

  constructor(
    private readonly model: CallModel,
    private readonly request: OriginateRequest,
    private readonly resolve: (body: string) => void,
    private readonly pending: Map<string, (cause: string) => void>,
  ) {}

  start(): void {
    for (const leg of this.request.legs) this.createLeg(leg);
    if (this.ringing.size === 0) {
      this.model.scheduler.after(5, () => this.finish(`-ERR ${this.lastCause}\n`));
      return;
    }
    this.model.scheduler.soon(() => {
      for (const { channel } of this.ringing.values()) if (channel.isUp) this.model.progress(channel);
    });
  }

  private createLeg(leg: OriginateLeg): void {
    const behaviour = this.model.behaviourOf(leg.endpoint);
    if ('outcome' in behaviour && NO_CHANNEL_CAUSES.has(behaviour.outcome)) {
      this.lastCause = behaviour.outcome;
      return;
    }
    const uuid = leg.variables.get('origination_uuid') ?? randomUUID();
    const user = legUser(leg.endpoint);
    const channel = this.model.createChannel(uuid, channelName(leg.endpoint), 'outbound', {
      username: undefined,
      dialplan: undefined,
      callerIdName: leg.variables.get('origination_caller_id_name') ?? this.request.callerIdName ?? 'Outbound Call',
      callerIdNumber: leg.variables.get('origination_caller_id_number') ?? this.request.callerIdNumber ?? '0000000000',
      calleeIdName: 'Outbound Call',
      calleeIdNumber: user,
      ani: '0000000000',
      destinationNumber: user,
      source: 'src/switch_ivr_originate.c',
      context: 'default',
      networkAddr: undefined,
    });
    for (const [name, value] of leg.variables) channel.setVariable(name, value);
    this.model.emit('CHANNEL_CREATE', channel, { callingFile: 'switch_core_state_machine.c', callingFunction: 'switch_core_session_run' });
    this.model.emit('CHANNEL_ORIGINATE', channel, { callingFile: 'switch_core_state_machine.c', callingFunction: 'switch_core_session_run' });
    const timeoutSeconds = Number(leg.variables.get('leg_timeout') ?? leg.variables.get('originate_timeout') ?? this.request.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
    const scale = this.model.options.secondsToMs;
    const cancelTimers = [this.model.scheduler.after(timeoutSeconds * scale, () => this.fail(uuid, 'NO_ANSWER', 'local', false))];
    if ('answerAfterMs' in behaviour) cancelTimers.push(this.model.scheduler.after(behaviour.answerAfterMs, () => this.answered(uuid)));
    else if (behaviour.outcome !== 'NO_ANSWER') {
      const cause = behaviour.outcome;
      cancelTimers.push(this.model.scheduler.after(behaviour.afterMs ?? 20, () => this.fail(uuid, cause, 'remote', false)));
    }
    this.ringing.set(uuid, { channel, cancelTimers });
    this.pending.set(uuid, (cause) => this.fail(uuid, cause, 'local', true));
  }

  private release(uuid: string): RingingLeg | undefined {
    const leg = this.ringing.get(uuid);
    if (leg === undefined) return undefined;
    for (const cancel of leg.cancelTimers) cancel();
    this.ringing.delete(uuid);
    this.pending.delete(uuid);
    return leg;
  }

  private answered(uuid: string): void {
    const winner = this.release(uuid);
    if (winner === undefined || this.finished) return;
    this.model.answer(winner.channel);
    for (const loserUuid of [...this.ringing.keys()]) {
      const loser = this.release(loserUuid);
      if (loser !== undefined) this.model.hangup(loser.channel, 'LOSE_RACE', 'local', [['group_dial_status', 'loser']]);
    }
    this.finish(`+OK ${uuid}\n`);
    this.runTarget(winner.channel);
  }

  /**
   * The job reports after the leg's HANGUP_COMPLETE when it was killed (08) or refused by the phone (04, 05),
   * and between HANGUP and HANGUP_COMPLETE on an originate timeout (03).
   */
  private fail(uuid: string, cause: string, side: 'local' | 'remote', killed: boolean): void {
    const leg = this.release(uuid);
    if (leg === undefined) return;
    this.lastCause = cause;
    this.model.hangup(leg.channel, cause, side);
    if (this.ringing.size > 0 || this.finished) return;
    const body = `-ERR ${cause}\n`;
    if (killed || side === 'remote') this.model.scheduler.soon(() => this.model.scheduler.soon(() => this.finish(body)));
    else this.finish(body);
  }

  private finish(body: string): void {
    if (this.finished) return;
    this.finished = true;
    this.resolve(body);
  }

  private runTarget(channel: Channel): void {
    const target = this.request.target;
    const engine = this.model.appsOf(channel);
    if (target.kind === 'app') engine.enqueue(executeMessage(target.app, target.arg));
    else engine.enqueue(executeMessage('transfer', target.extension));
  }
}

/** Runs `originate <args>`; resolves with the BACKGROUND_JOB / api body. */
export function originate(model: CallModel, args: string, pending: Map<string, (cause: string) => void>): Promise<string> {
  const parsed = parseOriginate(args);
  if (!parsed.ok) return Promise.resolve(`${parsed.error}\n`);
  const duplicate = parsed.value.legs.find((leg) => {
    const uuid = leg.variables.get('origination_uuid');
    return uuid !== undefined && model.live(uuid) !== undefined;
  });
  if (duplicate !== undefined) return Promise.resolve('-ERR DESTINATION_OUT_OF_ORDER\n');
  return new Promise((resolve) => new OriginateAttempt(model, parsed.value, resolve, pending).start());
}
