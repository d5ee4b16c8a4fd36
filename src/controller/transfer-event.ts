// A transfer by the agent, as FreeSWITCH reports it on the caller's leg (CUSTOM sofia::transferee,
// needs fire-transfer-events=true): the REFER target is the user part of sip_refer_to, and a
// Replaces parameter in it means an attended transfer (scenarios 10 and 13 of the captures).
import { urlDecode, type EslEvent } from '../esl/index.js';

export interface ReportedTransfer {
  readonly transfer: 'blind' | 'attended';
  readonly target: string;
}

export function transferFromEvent(event: EslEvent): ReportedTransfer | undefined {
  if (event.name !== 'CUSTOM' || event.subclass !== 'sofia::transferee') return undefined;
  const referTo = event.get('variable_sip_refer_to');
  if (referTo === undefined) return undefined;
  const user = /sips?:([^@;?>]+)/.exec(referTo)?.[1];
  if (user === undefined) return undefined;
  // A malformed escape (`%E9` alone) stays as FreeSWITCH sent it: decodeURIComponent would throw, and the throw
  // (caught by esl-lite) would lose a transfer that did happen.
  return { transfer: /[?&]Replaces=/i.test(referTo) ? 'attended' : 'blind', target: urlDecode(user) };
}
