// FreeSWITCH closes a connection it refuses (`-ERR invalid` after a wrong password, text/rude-rejection from
// apply-inbound-acl: mod_event_socket.c parse_command / listener_run). esl-lite reconnects at once after such a
// close; InboundNode must instead wait, longer each time, log once per try, and start over after a success.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { InboundNode, type InboundNodeConfig } from '../../src/freeswitch/inbound-node.js';
import { FreeswitchDouble } from '../double/index.js';
import { WatchedList } from '../double/watched-list.js';

type LogRecord = Readonly<Record<string, unknown>> & { readonly level: number; readonly msg: string };

const ERROR = 50;

interface Rig {
  readonly fs: FreeswitchDouble;
  readonly node: InboundNode;
  readonly logs: WatchedList<LogRecord>;
  /** The error lines about refused connections, in order. */
  refusals(): LogRecord[];
  /** Waits until `count` refusals were logged. */
  waitForRefusals(count: number): Promise<void>;
}

async function withRefusingDouble(config: Partial<InboundNodeConfig>, run: (rig: Rig) => Promise<void>): Promise<void> {
  const fs = await FreeswitchDouble.start();
  const logs = new WatchedList<LogRecord>();
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as LogRecord) });
  const node = new InboundNode({ name: 'fs1', host: '127.0.0.1', port: fs.inboundPort, password: 'ClueCon', ...config }, logger);
  const refusals = (): LogRecord[] => logs.items.filter((r) => r.level === ERROR && typeof r['retryInMs'] === 'number');
  const waitForRefusals = async (count: number): Promise<void> => {
    await logs.waitFor((r) => (refusals().length >= count ? r : undefined), 5_000, () => new Error(`fewer than ${count} refusals logged: ${JSON.stringify(refusals())}`));
  };
  try {
    await run({ fs, node, logs, refusals, waitForRefusals });
  } finally {
    node.stop();
    await fs.stop();
  }
}

describe('InboundNode when FreeSWITCH refuses the connection', () => {
  test('a wrong password is retried after a pause, not in a loop, and the log says where and how to fix it', async () => {
    await withRefusingDouble({ password: 'change-me' }, async ({ fs, node, refusals, waitForRefusals }) => {
      node.start();
      await waitForRefusals(1);
      // The first retry is 1 s away; esl-lite alone reconnected hundreds of times in this window.
      await sleep(500);
      assert.ok(fs.inboundConnections <= 2, `${fs.inboundConnections} connections within 0.5 s of the refusal`);
      assert.equal(refusals().length, fs.inboundConnections, 'one log line per refused connection');
      const [first] = refusals();
      assert.equal(first?.['retryInMs'], 1_000);
      assert.equal(first?.['replyText'], '-ERR invalid');
      assert.match(first?.msg ?? '', new RegExp(`127\\.0\\.0\\.1:${fs.inboundPort}`));
      assert.match(first?.msg ?? '', /event_socket\.conf\.xml.*--esl.*LINEUP_ESL/);
      assert.equal(node.connected, false);
      const result = await node.transfer('9ee6202b-0f53-446b-ac02-66dc014b1068', '1000', 'default');
      assert.ok(!result.ok && result.failure.kind === 'disconnected');
    });
  });

  test('the pause doubles up to its maximum, and starts over once a connection was accepted', async () => {
    await withRefusingDouble({ password: 'secret', refusedRetryMs: { first: 20, max: 80 } }, async ({ fs, node, refusals, waitForRefusals }) => {
      node.start();
      await waitForRefusals(4);
      assert.deepEqual(refusals().slice(0, 4).map((r) => r['retryInMs']), [20, 40, 80, 80]);
      const connected = once(node, 'connected', { signal: AbortSignal.timeout(5_000) });
      fs.setInboundPassword('secret');
      const [state] = (await connected) as [{ reconnect: boolean }];
      assert.equal(state.reconnect, false, 'refused connections were never connected');
      const before = refusals().length;
      fs.setInboundPassword('rotated');
      fs.dropInboundConnections();
      await waitForRefusals(before + 1);
      assert.equal(refusals()[before]?.['retryInMs'], 20);
    });
  });

  test('an ACL rejection is retried after a pause too, with its own advice, until the address is allowed', async () => {
    await withRefusingDouble({ refusedRetryMs: { first: 20, max: 40 } }, async ({ fs, node, refusals, waitForRefusals }) => {
      fs.denyInboundByAcl(true);
      node.start();
      await waitForRefusals(2);
      assert.match(refusals()[0]?.msg ?? '', /rude-rejection.*apply-inbound-acl/);
      assert.ok(fs.commands('inbound').every((c) => c.command.name !== 'auth'), 'no auth/request, so no password was sent');
      const connected = once(node, 'connected', { signal: AbortSignal.timeout(5_000) });
      fs.denyInboundByAcl(false);
      await connected;
      assert.equal(node.connected, true);
    });
  });
});
