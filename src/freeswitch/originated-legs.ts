import type { CommandResult } from './command-result.js';

/**
 * What this node knows of each leg it originated (by origination_uuid), so that `uuid_kill` is sent once per leg
 * and only for a leg there is evidence of: a kill of a leg that never came up or is already gone costs FreeSWITCH a
 * job thread for `-ERR No such channel!` when it is shortest of CPU (many calls at once).
 *
 * - `ringing`: the originate is running; no sign of the channel yet. A kill is held.
 * - `up`: evidence the channel exists (its CHANNEL_CREATE, the originate's `+OK`, uuid_exists `true`). A kill is sent.
 * - `unknown`: the originate ended without telling (timeout, connection lost): the node asks uuid_exists. A kill is held.
 * A leg is forgotten when it is known to be gone (its CHANNEL_HANGUP_COMPLETE, the originate's `-ERR <cause>`, or
 * uuid_exists `false`); a kill held for it is then dropped, and a kill of a leg never originated is never sent.
 */
export type LegState = 'ringing' | 'up' | 'unknown';

/** Sends the kill; called at most once per leg. */
export type SendKill = () => Promise<CommandResult>;

interface Kill {
  readonly result: Promise<CommandResult>;
  /** Set while the kill is held: sends it, or settles it unsent. */
  readonly release?: (send: boolean) => void;
}

interface Leg {
  state: LegState;
  kill: Kill | undefined;
}

/** A kill's result when nothing was sent: there is no leg to hang up (it never came up, or it is gone). */
export function noLeg(message: string): CommandResult {
  return { ok: false, failure: { kind: 'no-channel', message } };
}

/** Failures after which nothing reached FreeSWITCH: the leg may still be killed later. */
const NOT_SENT: ReadonlySet<string> = new Set(['invalid', 'disconnected']);

export class OriginatedLegs {
  private readonly legs = new Map<string, Leg>();

  /** An originate with this uuid is about to be sent. */
  originating(uuid: string): void {
    const leg = this.legs.get(uuid);
    if (leg === undefined) this.legs.set(uuid, { state: 'ringing', kill: undefined });
    else if (leg.state === 'unknown') leg.state = 'ringing';
  }

  stateOf(uuid: string): LegState | undefined {
    return this.legs.get(uuid)?.state;
  }

  /** uuids whose fate the node must ask FreeSWITCH about. */
  get unknown(): readonly string[] {
    return [...this.legs].filter(([, leg]) => leg.state === 'unknown').map(([uuid]) => uuid);
  }

  get size(): number {
    return this.legs.size;
  }

  /**
   * A kill of this leg: sent now (`up`), held until evidence (`ringing`, `unknown`), or not sent at all (a leg
   * not originated here, or gone). A second kill gets the first one's result and sends nothing.
   */
  kill(uuid: string, send: SendKill): Promise<CommandResult> {
    const leg = this.legs.get(uuid);
    if (leg === undefined) return Promise.resolve(noLeg(`no channel ${uuid} was originated on this node, or it has ended: uuid_kill not sent`));
    if (leg.kill !== undefined) return leg.kill.result;
    if (leg.state === 'up') {
      leg.kill = { result: this.sent(uuid, leg, send) };
      return leg.kill.result;
    }
    let release: (send: boolean) => void = () => undefined;
    const result = new Promise<CommandResult>((resolve) => {
      release = (now) => {
        resolve(now ? this.sent(uuid, leg, send) : noLeg(`channel ${uuid} never came up, or has ended: uuid_kill not sent`));
      };
    });
    leg.kill = { result, release };
    return result;
  }

  /** Evidence the channel exists: a held kill is sent now. */
  up(uuid: string): void {
    const leg = this.legs.get(uuid);
    if (leg === undefined || leg.state === 'up') return;
    leg.state = 'up';
    const held = leg.kill;
    if (held?.release === undefined) return;
    leg.kill = { result: held.result };
    held.release(true);
  }

  /** The originate ended without saying whether the channel came up. */
  unsure(uuid: string): void {
    const leg = this.legs.get(uuid);
    if (leg?.state === 'ringing') leg.state = 'unknown';
  }

  /** The channel is gone (or never was): forgotten, a held kill dropped. */
  gone(uuid: string): void {
    const leg = this.legs.get(uuid);
    if (leg === undefined) return;
    this.legs.delete(uuid);
    leg.kill?.release?.(false);
  }

  /** Forgets every leg, settling held kills unsent (the node stopped). */
  clear(): void {
    for (const uuid of [...this.legs.keys()]) this.gone(uuid);
  }

  private sent(uuid: string, leg: Leg, send: SendKill): Promise<CommandResult> {
    return send().then((result) => {
      // Not sent after all (disconnected): a later kill may try again.
      if (!result.ok && NOT_SENT.has(result.failure.kind) && this.legs.get(uuid) === leg) leg.kill = undefined;
      return result;
    });
  }
}
