import { FreeSwitchClient } from 'esl-lite';
import { commandResult, type CommandResult } from './command-result.js';

/** esl-lite's client with mod_event_socket's `filter` command, which it keeps private (its `send` is protected). */
export class FilteringClient extends FreeSwitchClient {
  /** `filter <header> <value>`: FreeSWITCH answers `+OK filter added. [header]=[value]`. */
  async filter(header: string, value: string, timeoutMs: number): Promise<CommandResult> {
    const reply = await this.send(`filter ${header} ${value}`, {}, undefined, timeoutMs);
    if (reply instanceof Error) return commandResult(reply);
    return { ok: true, reply: reply.headers.replyText ?? '' };
  }
}
