// Inbound-socket commands at a call rate, over the spoof FreeSWITCH of test/freeswitch: each command/reply comes
// --reply-ms after its command (FreeSWITCH's listener thread busy writing events, or short of CPU), each originate's
// BACKGROUND_JOB --ring-ms after that. Every call is one originate; every other call is then cancelled with two
// uuid_kill requests (the second must not be sent), and one kill per call names a leg that never existed (must not
// be sent either). Prints how many commands ended in each way and the latency from call to result.
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { InboundNode } from '../src/freeswitch/inbound-node.js';
import type { CommandResult } from '../src/freeswitch/command-result.js';
import { silentLogger } from '../src/log.js';
import { FakeInboundFs } from '../test/freeswitch/fake-inbound-fs.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '40' },
    'reply-ms': { type: 'string', default: '30' },
    'ring-ms': { type: 'string', default: '3000' },
  },
});
const calls = Number(values.calls);
const rate = Number(values.rate);
const replyMs = Number(values['reply-ms']);
const ringMs = Number(values['ring-ms']);
if (!(calls > 0) || !(rate > 0) || !(replyMs >= 0) || !(ringMs >= 0)) {
  process.stderr.write('usage: scripts/bench-inbound-commands [--calls N] [--rate CALLS_PER_S] [--reply-ms MS] [--ring-ms MS]\n');
  process.exit(2);
}

const uuidOf = (prefix: number, index: number): string => `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

const fake = await FakeInboundFs.start({
  replyDelayMs: replyMs,
  jobDelayMs: ringMs,
  jobs: (command) => {
    if (command.startsWith('originate')) return `+OK ${/origination_uuid=([^,]+)/.exec(command)?.[1] ?? ''}\n`;
    return '+OK\n';
  },
});
const node = new InboundNode({ name: 'bench', host: '127.0.0.1', port: fake.port, password: 'ClueCon' }, silentLogger);
node.start();
while (!node.connected) await delay(10);

const outcomes = new Map<string, number>();
const latenciesMs: number[] = [];
async function timed(what: string, command: Promise<CommandResult | { readonly ok: boolean; readonly failure?: { readonly kind: string } }>): Promise<void> {
  const started = performance.now();
  const result = await command;
  latenciesMs.push(performance.now() - started);
  const key = `${what} ${result.ok ? 'ok' : (result.failure?.kind ?? 'failed')}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

const pending: Array<Promise<void>> = [];
const started = performance.now();
for (let index = 0; index < calls; index += 1) {
  const uuid = uuidOf(1, index);
  pending.push(timed('originate', node.originate({ uuid, contact: 'user/1001@pbx', timeoutSeconds: 30, callerIdNumber: '1', callerIdName: 'bench' })));
  if (index % 2 === 0) {
    pending.push(timed('kill', node.kill(uuid, 'ORIGINATOR_CANCEL')), timed('second kill', node.kill(uuid, 'ORIGINATOR_CANCEL')));
  }
  pending.push(timed('kill of an unknown leg', node.kill(uuidOf(2, index), 'ORIGINATOR_CANCEL')));
  const due = started + ((index + 1) * 1000) / rate;
  await delay(Math.max(0, due - performance.now()));
}
await Promise.all(pending);
node.stop();
await fake.close();

latenciesMs.sort((a, b) => a - b);
const at = (q: number): string => (latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(q * latenciesMs.length))] ?? 0).toFixed(0);
const sent = fake.commands.filter((c) => c.name === 'bgapi');
console.log(`${calls} calls at ${rate}/s, command/reply after ${replyMs} ms, jobs after ${ringMs} ms more`);
for (const [key, count] of [...outcomes].sort()) console.log(`  ${key}: ${count}`);
console.log(`  bgapi sent: ${sent.length} (uuid_kill: ${sent.filter((c) => c.args.startsWith('uuid_kill')).length})`);
console.log(`  latency call → result ms: p50 ${at(0.5)}, p99 ${at(0.99)}, max ${at(1)}`);
