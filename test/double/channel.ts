import type { EslHeaderValue } from '../../src/esl/index.js';

/** FreeSWITCH channel states with their switch_channel_state_t numbers. */
export const STATE_NUMBERS = {
  CS_NEW: 0,
  CS_INIT: 1,
  CS_ROUTING: 2,
  CS_SOFT_EXECUTE: 3,
  CS_EXECUTE: 4,
  CS_EXCHANGE_MEDIA: 5,
  CS_PARK: 6,
  CS_CONSUME_MEDIA: 7,
  CS_HIBERNATE: 8,
  CS_RESET: 9,
  CS_HANGUP: 10,
  CS_REPORTING: 11,
  CS_DESTROY: 12,
} as const;

export type ChannelState = keyof typeof STATE_NUMBERS;

/** switch_true (switch_utils.h): what FreeSWITCH reads as a true variable. */
export function switchTrue(value: EslHeaderValue | undefined): boolean {
  if (typeof value !== 'string') return false;
  return ['yes', 'on', 'true', 't', 'enabled', 'active', 'allow'].includes(value.toLowerCase()) || (/^-?\d+$/.test(value) && Number(value) !== 0);
}
export type CallState = 'DOWN' | 'RINGING' | 'EARLY' | 'ACTIVE' | 'HELD' | 'HANGUP';
export type AnswerState = 'ringing' | 'early' | 'answered' | 'hangup';

/** The Caller-* profile of a channel. */
export interface CallerProfile {
  readonly username: string | undefined;
  readonly dialplan: string | undefined;
  callerIdName: string;
  callerIdNumber: string;
  readonly calleeIdName: string | undefined;
  readonly calleeIdNumber: string | undefined;
  readonly ani: string;
  destinationNumber: string;
  readonly source: string;
  context: string;
  readonly networkAddr: string | undefined;
}

/** One leg in the double's call model. Mutable: the model updates it as the call progresses. */
export class Channel {
  state: ChannelState = 'CS_INIT';
  callState: CallState = 'DOWN';
  answerState: AnswerState = 'ringing';
  hangupCause: string | undefined;
  /** The bridged (or originating) peer, shown as Other-Type / Other-Leg-*. */
  peer: { readonly uuid: string; readonly role: 'originator' | 'originatee' } | undefined;
  /** Set on both legs while bridged; `a` is the leg that drives the bridge (gets CHANNEL_BRIDGE/UNBRIDGE). */
  bridge: { readonly a: string; readonly b: string } | undefined;
  readonly createdAt: number;
  answeredAt = 0;
  progressAt = 0;
  bridgedAt = 0;
  hangupAt = 0;
  /** The socket app returned and the extension goes on after it (the double has no dialplan to run there). */
  continuedDialplan = false;
  readonly variables = new Map<string, EslHeaderValue>();

  constructor(
    readonly uuid: string,
    readonly name: string,
    readonly direction: 'inbound' | 'outbound',
    readonly profile: CallerProfile,
    nowMicros: number,
  ) {
    this.createdAt = nowMicros;
  }

  get isUp(): boolean {
    return this.answerState !== 'hangup';
  }

  get isAnswered(): boolean {
    return this.answerState === 'answered';
  }

  setVariable(name: string, value: string): void {
    this.variables.set(name, value);
  }

  /** transfer_history becomes multi-valued (ARRAY::) from its second entry on, as in FreeSWITCH. */
  appendTransferHistory(entry: string): void {
    const previous = this.variables.get('transfer_history');
    this.variables.set('transfer_history', previous === undefined ? entry : [...(typeof previous === 'string' ? [previous] : previous), entry]);
    this.variables.set('transfer_source', entry);
  }
}
