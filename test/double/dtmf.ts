import type { CallModel } from './call-model.js';
import type { Channel } from './channel.js';

export type DtmfSource = 'ENDPOINT' | 'RTP';

/** Durations FreeSWITCH reported in scenario 09 (samples at 8 kHz) for SIP INFO and RFC 2833 digits. */
const DURATIONS: Record<DtmfSource, string> = { ENDPOINT: '1280', RTP: '2240' };

/** A digit on `channel`; a playback whose playback_terminators contain it stops (default `*`, `none` = never). */
export function pressDigit(model: CallModel, channel: Channel, digit: string, source: DtmfSource): void {
  model.emit('DTMF', channel, {
    post: [
      ['DTMF-Digit', digit],
      ['DTMF-Duration', DURATIONS[source]],
      ['DTMF-Source', source],
    ],
  });
  const terminators = channel.variables.get('playback_terminators') ?? '*';
  const engine = model.appsOf(channel);
  if (typeof terminators !== 'string' || terminators === 'none' || !terminators.includes(digit) || !engine.isPlaying) return;
  channel.setVariable('playback_terminator_used', digit);
  engine.stopPlayback(false);
}
