import type { CallModel } from './call-model.js';
import { executeMessage } from './apps.js';
import { originate } from './originate.js';
import { transferChannel, type Dialplan } from './transfers.js';

const NO_SUCH_CHANNEL = '-ERR No such channel!\n';

/** The mod_commands API subset the double implements; bodies as FreeSWITCH writes them. */
export class ApiCommands {
  /** Ringing originate legs by uuid → cancel with a cause (uuid_kill while ringing). */
  private readonly pendingLegs = new Map<string, (cause: string) => void>();
  /** Replies to give the next time a command runs instead of running it (races a test cannot time). */
  private readonly refusals = new Map<string, string>();

  constructor(
    private readonly model: CallModel,
    private readonly dialplan: Dialplan,
  ) {}

  /** The next `command` answers `reply` (e.g. uuid_bridge `-ERR Invalid uuid`, a leg gone at that instant) and does nothing. */
  refuseNext(command: string, reply: string): void {
    this.refusals.set(command, reply);
  }

  /** Runs `<command> <args>`; resolves with the api/response or BACKGROUND_JOB body. */
  run(command: string, args: string): Promise<string> {
    const refusal = this.refusals.get(command);
    if (refusal !== undefined) {
      this.refusals.delete(command);
      return Promise.resolve(refusal);
    }
    const words = args.split(' ').filter((w) => w !== '');
    switch (command) {
      case 'originate':
        return originate(this.model, args, this.pendingLegs);
      default:
        return Promise.resolve(this.runSync(command, words));
    }
  }

  private runSync(command: string, words: string[]): string {
    const [uuid = '', second, third] = words;
    switch (command) {
      case 'uuid_kill':
        return this.kill(uuid, second ?? 'NORMAL_CLEARING');
      case 'uuid_bridge':
        return this.bridge(uuid, second ?? '');
      case 'uuid_transfer':
        return this.transfer(words);
      case 'uuid_break': {
        const channel = this.model.live(uuid);
        if (channel === undefined) return NO_SUCH_CHANNEL;
        this.model.appsOf(channel).stopPlayback(second === 'all');
        return '+OK\n';
      }
      case 'uuid_broadcast':
        return this.broadcast(uuid, second);
      case 'uuid_exists':
        return this.model.live(uuid) === undefined ? 'false' : 'true';
      case 'uuid_setvar': {
        const channel = this.model.live(uuid);
        if (channel === undefined) return NO_SUCH_CHANNEL;
        channel.setVariable(second ?? '', third ?? '');
        return '+OK\n';
      }
      case 'uuid_getvar': {
        const value = this.model.live(uuid)?.variables.get(second ?? '');
        return typeof value === 'string' ? value : '_undef_';
      }
      case 'status':
        return `UP 0 years, 0 days, 0 hours, 0 minutes, 1 second, 0 milliseconds, 0 microseconds\nFreeSWITCH (Version 1.10.12 double) is ready\n${[...this.model.channels.values()].filter((c) => c.isUp).length} session(s) - peak 0, last 5min 0\n`;
      default:
        return `-ERR ${command} Command not found!\n`;
    }
  }

  private kill(uuid: string, cause: string): string {
    const ringing = this.pendingLegs.get(uuid);
    if (ringing !== undefined) {
      ringing(cause);
      return '+OK\n';
    }
    const channel = this.model.live(uuid);
    if (channel === undefined) return NO_SUCH_CHANNEL;
    this.model.hangup(channel, cause, 'local');
    return '+OK\n';
  }

  /**
   * switch_ivr_uuid_bridge only hands both legs to the uuid_bridge state handlers, and the reply goes out: the
   * originator joins them on its next tick (uuid_bridge_on_soft_execute; scenario 01 event order), or not at all.
   */
  private bridge(aUuid: string, bUuid: string): string {
    const a = this.model.live(aUuid);
    const b = this.model.live(bUuid);
    if (a === undefined || b === undefined) return '-ERR Invalid uuid\n';
    this.model.onNextTick(() => this.model.joinUuidBridge(a, b));
    return `+OK ${bUuid}\n`;
  }

  /** `uuid_transfer <uuid> [-bleg|-both] <dest> [dialplan] [context]` */
  private transfer(words: string[]): string {
    const [uuid = '', ...rest] = words;
    const flag = rest[0]?.startsWith('-') === true ? rest.shift() : undefined;
    const [extension = '', dialplan = 'XML', context = 'default'] = rest;
    const channel = this.model.live(uuid);
    if (channel === undefined || extension === '') return NO_SUCH_CHANNEL;
    const bridged = channel.bridge === undefined ? undefined : this.model.live(channel.bridge.a === uuid ? channel.bridge.b : channel.bridge.a);
    const targets = flag === '-bleg' ? [bridged] : flag === '-both' ? [channel, bridged] : [channel];
    this.model.scheduler.soon(() => {
      for (const target of targets) if (target?.isUp === true) transferChannel(this.model, target, extension, dialplan, context, this.dialplan);
    });
    return '+OK\n';
  }

  /**
   * `uuid_broadcast <uuid> <path|app::args> [aleg|bleg|holdb|both]`, queued like switch_ivr_broadcast. mod_commands
   * ignores what switch_ivr_broadcast returns: `+OK Message Sent` whether or not the channel exists.
   */
  private broadcast(uuid: string, what: string | undefined): string {
    if (what === undefined) return '-USAGE: <uuid> <path> [aleg|bleg|holdb|both]\n';
    const channel = this.model.live(uuid);
    if (channel !== undefined) {
      const [app, arg] = what.includes('::') ? what.split('::', 2) : ['playback', what];
      this.model.appsOf(channel).enqueue(executeMessage(app ?? 'playback', arg ?? '', false));
    }
    return '+OK Message Sent\n';
  }
}
