// An InboundNode connected to a FakeInboundFs for the length of one test body; both stopped after it.
import { once } from 'node:events';
import { InboundNode, type InboundNodeConfig } from '../../src/freeswitch/inbound-node.js';
import { silentLogger } from '../../src/log.js';
import { FakeInboundFs, type FakeInboundOptions } from './fake-inbound-fs.js';

export async function withNodeOnFake(
  run: (node: InboundNode, fake: FakeInboundFs) => Promise<void>,
  options: FakeInboundOptions,
  config: Partial<InboundNodeConfig> = {},
): Promise<void> {
  const fake = await FakeInboundFs.start(options);
  const node = new InboundNode({ name: 'fs1', host: '127.0.0.1', port: fake.port, password: 'ClueCon', commandTimeoutMs: 2_000, ...config }, silentLogger);
  const connected = once(node, 'connected', { signal: AbortSignal.timeout(5_000) });
  node.start();
  try {
    await connected;
    await run(node, fake);
  } finally {
    node.stop();
    await fake.close();
  }
}
