import type { RawFrame } from './frame-decoder.js';
import { splitHeaderLine } from './header-line.js';
import { EslHeaders } from './headers.js';

/** A client → FreeSWITCH command as FreeSWITCH reads it: first line, headers (not URL-decoded), body. */
export interface EslCommand {
  /** The whole first line, e.g. `bgapi originate {…}user/1000 &park()`. */
  readonly line: string;
  /** First word, e.g. `bgapi`. */
  readonly name: string;
  /** The rest of the first line after the first space ('' if none). */
  readonly args: string;
  readonly headers: EslHeaders;
  readonly body: string | undefined;
}

/** Header lines FreeSWITCH cannot split are ignored, as its own reader does. */
export function toCommand(frame: RawFrame): EslCommand {
  const [line = '', ...rest] = frame.lines;
  const space = line.indexOf(' ');
  const entries = rest.map(splitHeaderLine).filter((pair): pair is readonly [string, string] => pair !== undefined);
  return {
    line,
    name: space < 0 ? line : line.slice(0, space),
    args: space < 0 ? '' : line.slice(space + 1),
    headers: new EslHeaders(entries),
    body: frame.body?.toString('utf8'),
  };
}
