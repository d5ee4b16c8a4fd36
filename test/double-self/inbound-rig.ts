// The double with a controller-side outbound listener and an inbound client (authenticated, subscribed to `events`):
// what the double-self tests of uuid_bridge and the socket session's end start from.
import { authCommand, eventCommand } from '../../src/esl/index.js';
import { EslTestClient, EslTestServer, FreeswitchDouble, type DoubleOptions } from '../double/index.js';

export interface InboundRig {
  readonly fs: FreeswitchDouble;
  readonly controller: EslTestServer;
  readonly inbound: EslTestClient;
}

export async function startInboundRig(events: readonly string[], options: DoubleOptions = {}): Promise<InboundRig> {
  const fs = await FreeswitchDouble.start({ secondsToMs: 10, waitTimeoutMs: 1000, ...options });
  const controller = await EslTestServer.listen();
  const inbound = await EslTestClient.connect(fs.inboundPort);
  await inbound.send(authCommand('ClueCon'));
  await inbound.send(eventCommand('json', events));
  return { fs, controller, inbound };
}

export async function stopInboundRig({ fs, controller, inbound }: InboundRig): Promise<void> {
  inbound.close();
  await controller.close();
  await fs.stop();
}
