import { EventEmitter } from 'node:events';
import type { FreeSwitchEventData } from 'esl-lite';
import type { EslEvent } from '../esl/event.js';
import type { Logger } from '../log.js';
import type { BuiltCommand } from './built-command.js';
import { bridgeCommand, existsCommand, killCommand, transferCommand } from './channel-commands.js';
import { commandResult, type CommandResult } from './command-result.js';
import { FilteringClient } from './filtering-client.js';
import { INBOUND_CUSTOM_SUBCLASSES, INBOUND_EVENT_NAMES, INBOUND_FILTERS, LEG_CREATED, LEG_MARKER, toEslEvent } from './inbound-events.js';
import { buildOriginateCommand, type OriginateRequest } from './originate-command.js';
import { originateResult, type OriginateResult } from './originate-result.js';
import { OriginatedLegs } from './originated-legs.js';

/** pino's numeric value of the warn level. */
const WARN = 40;

/** Waits before reconnecting after FreeSWITCH refused a connection: doubled per refusal, reset by a successful auth. */
const REFUSED_RETRY_MS = { first: 1_000, max: 30_000 } as const;

/** Why FreeSWITCH ended a connection before authenticating it, with what to check. */
type Refusal = { readonly kind: 'password'; readonly replyText: string } | { readonly kind: 'acl' } | { readonly kind: 'closed' };

export interface InboundNodeConfig {
  /** Name of the FreeSWITCH node (pool key, log field `node`). */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly password: string;
  /** bgapi timeout for everything but originate (submit + BACKGROUND_JOB). Default 5 s. */
  readonly commandTimeoutMs?: number;
  /** Added to the originate timeout for the bgapi timeout. Default 5 s. */
  readonly originateMarginMs?: number;
  /** Reconnect delays after a refused connection (wrong password, ACL). Default 1 s doubling to 30 s. */
  readonly refusedRetryMs?: { readonly first: number; readonly max: number };
}

export interface InboundEvent {
  readonly node: string;
  readonly event: EslEvent;
}

export type InboundNodeEvents = {
  /** A subscribed channel event or sofia::transfer* CUSTOM event. */
  event: [InboundEvent];
  /** Authenticated. `reconnect` = events may have been missed since the last connection: reconcile. */
  connected: [{ readonly node: string; readonly reconnect: boolean }];
  disconnected: [{ readonly node: string }];
};

export interface ChannelPresence {
  readonly live: readonly string[];
  readonly gone: readonly string[];
  /** uuid_exists could not be asked (disconnected, timeout): unknown, ask again later. */
  readonly unknown: readonly string[];
}

/**
 * One FreeSWITCH node's inbound event socket (esl-lite, patched): typed bgapi operations with results as values,
 * channel events as EslEvent, connection state. Commands are pipelined (none waits for another's reply) and each
 * one's timeout runs from its write; kills go through OriginatedLegs (one per leg, only with evidence of it). esl-lite reconnects by itself (also after a malformed frame, which
 * makes it drop the socket) and replays in-flight commands, hence origination_uuid on every originate.
 * esl-lite also reconnects at once when FreeSWITCH closes a connection it refused (`-ERR invalid`, ACL), which
 * would loop as fast as the network allows; such a client is ended and a new one started after a growing delay.
 */
export class InboundNode extends EventEmitter<InboundNodeEvents> {
  readonly name: string;
  private client: FilteringClient | undefined;
  private started = false;
  private connections = 0;
  private isConnected = false;
  private refusedRetryMs: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly logger: Logger;
  private readonly legs = new OriginatedLegs();
  /** Legs whose uuid_exists is being asked (see settleUnknownLegs). */
  private readonly asking = new Set<string>();

  constructor(
    private readonly config: InboundNodeConfig,
    logger: Logger,
  ) {
    super();
    this.name = config.name;
    this.logger = logger.child({ node: config.name, host: `${config.host}:${config.port}` });
    this.refusedRetryMs = this.retryDelays.first;
  }

  /** The address this node's event socket is reached at (to match calls arriving from this node). */
  get host(): string {
    return this.config.host;
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** Starts connecting (and reconnecting forever until stop). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.connect();
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.client?.end();
    this.client = undefined;
    this.legs.clear();
    if (this.isConnected) this.onDisconnected();
  }

  private connect(): void {
    const client = new FilteringClient({
      host: this.config.host,
      port: this.config.port,
      password: this.config.password,
      // esl-lite logs every connect at info; keep its warnings and errors only (or nothing, if we are quieter).
      logger: this.logger.child({ module: 'esl-lite' }, { level: this.logger.levelVal > WARN ? this.logger.level : 'warn' }),
    });
    this.client = client;
    client.connection.on('connected', () => this.onConnected(client));
    client.connection.on('authFailed', (replyText) => this.refused(client, { kind: 'password', replyText }));
    client.connection.on('rejected', () => this.refused(client, { kind: 'acl' }));
    // A connection that ends before its auth was accepted is refused too, whatever FreeSWITCH said (or not).
    client.connection.on('disconnected', () => (this.isConnected ? this.onDisconnected() : this.refused(client, { kind: 'closed' })));
    const forward = (data: FreeSwitchEventData): void => this.forward(data);
    for (const name of INBOUND_EVENT_NAMES) client.on(name, forward);
    for (const subclass of INBOUND_CUSTOM_SUBCLASSES) client.custom.on(subclass, forward);
  }

  private get retryDelays(): { readonly first: number; readonly max: number } {
    return this.config.refusedRetryMs ?? REFUSED_RETRY_MS;
  }

  /** Ends a refused client (its own loop would reconnect at once) and starts a new one later: one log line per try. */
  private refused(client: FilteringClient, refusal: Refusal): void {
    if (this.client !== client) return;
    client.end();
    this.client = undefined;
    const retryInMs = this.refusedRetryMs;
    this.refusedRetryMs = Math.min(retryInMs * 2, this.retryDelays.max);
    const where = `${this.config.host}:${this.config.port}`;
    const retry = `; retrying in ${retryInMs / 1000} s`;
    switch (refusal.kind) {
      case 'password':
        this.logger.error(
          { replyText: refusal.replyText, retryInMs },
          `FreeSWITCH at ${where} refused the event-socket password: give this node the password of event_socket.conf.xml (<param name="password">) in --esl [name=]host:port:password or LINEUP_ESL${retry}`,
        );
        break;
      case 'acl':
        this.logger.error(
          { retryInMs },
          `FreeSWITCH at ${where} rejected this address (text/rude-rejection): allow it in apply-inbound-acl of event_socket.conf.xml${retry}`,
        );
        break;
      case 'closed':
        this.logger.error(
          { retryInMs },
          `${where} closed the connection before authentication: check that it is FreeSWITCH's event socket (listen-ip/listen-port of event_socket.conf.xml)${retry}`,
        );
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.started) this.connect();
    }, retryInMs);
  }

  async originate(request: OriginateRequest): Promise<OriginateResult> {
    const built = buildOriginateCommand({ ...request, variables: { ...request.variables, [LEG_MARKER.name]: LEG_MARKER.value } });
    const timeoutMs = request.timeoutSeconds * 1000 + (this.config.originateMarginMs ?? 5_000);
    if (built.ok) this.legs.originating(request.uuid);
    const result = originateResult(await this.run(built, timeoutMs));
    if (built.ok) this.originated(request.uuid, result);
    return result;
  }

  /** What an originate's outcome says of its leg (see OriginatedLegs). */
  private originated(uuid: string, result: OriginateResult): void {
    if (result.ok) {
      this.legs.up(uuid);
      return;
    }
    switch (result.failure.kind) {
      case 'timeout':
      case 'closed':
        // Sent, but its BACKGROUND_JOB was not received: the channel may exist.
        this.legs.unsure(uuid);
        void this.settleUnknownLegs();
        return;
      default:
        // `-ERR <cause>`: switch_ivr_originate has hung up every leg it created; or nothing was run at all.
        this.legs.gone(uuid);
    }
  }

  /** Asks uuid_exists for the legs whose originate ended without a result, so a held kill is sent or dropped. */
  private async settleUnknownLegs(): Promise<void> {
    const uuids = this.legs.unknown.filter((uuid) => !this.asking.has(uuid));
    if (uuids.length === 0 || !this.isConnected) return;
    for (const uuid of uuids) this.asking.add(uuid);
    await this.channelPresence(uuids);
    for (const uuid of uuids) this.asking.delete(uuid);
  }

  async bridge(callerUuid: string, agentUuid: string): Promise<CommandResult> {
    return this.run(bridgeCommand(callerUuid, agentUuid));
  }

  /**
   * Hangs up a leg originated on this node: at most one uuid_kill per leg, and only once there is evidence the
   * channel exists (held until then; dropped, with a `no-channel` failure, if it never came up or has ended).
   */
  async kill(uuid: string, cause: string): Promise<CommandResult> {
    const built = killCommand(uuid, cause);
    if (!built.ok) return this.run(built);
    return this.legs.kill(uuid, () => this.run(built));
  }

  async transfer(uuid: string, destination: string, context: string): Promise<CommandResult> {
    return this.run(transferCommand(uuid, destination, context));
  }

  /** Which of these channels still exist (uuid_exists each; for reconciliation after `connected` with reconnect). */
  async channelPresence(uuids: readonly string[]): Promise<ChannelPresence> {
    const answers = await Promise.all(uuids.map(async (uuid) => ({ uuid, result: await this.run(existsCommand(uuid)) })));
    const pick = (test: (result: CommandResult) => boolean): string[] => answers.filter((a) => test(a.result)).map((a) => a.uuid);
    const presence = {
      live: pick((r) => r.ok && r.reply === 'true'),
      gone: pick((r) => r.ok && r.reply === 'false'),
      unknown: pick((r) => !r.ok || (r.reply !== 'true' && r.reply !== 'false')),
    };
    for (const uuid of presence.live) this.legs.up(uuid);
    // A ringing originate may not have created its channel yet: only a leg seen up, or unknown, is gone.
    for (const uuid of presence.gone) if (this.legs.stateOf(uuid) !== 'ringing') this.legs.gone(uuid);
    return presence;
  }

  private async run(built: BuiltCommand, timeoutMs = this.config.commandTimeoutMs ?? 5_000): Promise<CommandResult> {
    if (!built.ok) {
      this.logger.warn({ reason: built.message }, 'FreeSWITCH command not sent: invalid arguments');
      return { ok: false, failure: { kind: 'invalid', message: built.message } };
    }
    const client = this.client;
    if (!this.started) {
      return { ok: false, failure: { kind: 'closed', message: `FreeSWITCH node ${this.name} is not started` } };
    }
    if (client === undefined || !this.isConnected) {
      return { ok: false, failure: { kind: 'disconnected', message: `FreeSWITCH node ${this.name} is not connected; ${built.command.split(' ', 1)[0] ?? ''} not sent` } };
    }
    const result = commandResult(await client.bgapi(built.command, timeoutMs));
    if (!result.ok) {
      // `-ERR NO_ANSWER` and the like are ordinary outcomes; lost replies and refusals are not.
      const level = result.failure.kind === 'failed' ? 'info' : 'warn';
      this.logger[level]({ command: built.command, failure: result.failure }, 'FreeSWITCH command did not succeed');
    }
    return result;
  }

  private forward(data: FreeSwitchEventData): void {
    const event = toEslEvent(data);
    if (event === undefined) {
      this.logger.warn({ eventName: data.body.eventName }, 'ignored an event whose body is not a FreeSWITCH event');
      return;
    }
    const uuid = event.get('Unique-ID') ?? '';
    if (event.name === LEG_CREATED) {
      this.legs.up(uuid); // the node's own evidence, not the controller's business
      return;
    }
    if (event.name === 'CHANNEL_HANGUP_COMPLETE') this.legs.gone(uuid);
    this.emit('event', { node: this.name, event });
  }

  /**
   * Sent on every connection (filters belong to one): until then every subscribed event comes. With only some
   * filters in place, events the others would let through would be lost: then all are deleted again.
   */
  private async applyFilters(client: FilteringClient): Promise<void> {
    const timeoutMs = this.config.commandTimeoutMs ?? 5_000;
    const results = await Promise.all(INBOUND_FILTERS.map(async ([header, value]) => ({ header, value, result: await client.filter(header, value, timeoutMs) })));
    const refused = results.filter(({ result }) => !result.ok);
    if (refused.length === 0) return;
    this.logger.warn({ refused }, 'FreeSWITCH refused an event filter: all filters deleted, every subscribed event of every channel will come');
    await client.filter('delete', 'all', timeoutMs);
  }

  private onConnected(client: FilteringClient): void {
    void this.applyFilters(client);
    this.connections += 1;
    this.isConnected = true;
    this.refusedRetryMs = this.retryDelays.first;
    const reconnect = this.connections > 1;
    this.logger.info({ reconnect }, 'FreeSWITCH event socket connected');
    this.emit('connected', { node: this.name, reconnect });
    void this.settleUnknownLegs();
  }

  private onDisconnected(): void {
    if (!this.isConnected) return;
    this.isConnected = false;
    this.logger.warn({}, 'FreeSWITCH event socket disconnected');
    this.emit('disconnected', { node: this.name });
  }
}
