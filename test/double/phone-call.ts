import { randomUUID } from 'node:crypto';
import { executeMessage } from './apps.js';
import type { CallModel } from './call-model.js';
import type { Channel } from './channel.js';

/** A new call from the agent's own phone (sofia/internal/<user>) to `extension`, created and in CS_EXECUTE. */
export function phoneLeg(model: CallModel, user: string, extension: string): Channel {
  const channel = model.createChannel(randomUUID(), `sofia/internal/${user}@127.0.0.1:5090`, 'inbound', {
    username: user,
    dialplan: 'XML',
    callerIdName: user,
    callerIdNumber: user,
    calleeIdName: undefined,
    calleeIdNumber: undefined,
    ani: user,
    destinationNumber: extension,
    source: 'mod_sofia',
    context: 'public',
    networkAddr: '127.0.0.1',
  });
  model.emit('CHANNEL_CREATE', channel);
  channel.state = 'CS_EXECUTE';
  return channel;
}

/** Runs dialplan steps on a channel, in order. */
export function runSteps(model: CallModel, channel: Channel, steps: ReadonlyArray<readonly [string, string]>): void {
  const engine = model.appsOf(channel);
  for (const [app, arg] of steps) engine.enqueue(executeMessage(app, arg));
}
