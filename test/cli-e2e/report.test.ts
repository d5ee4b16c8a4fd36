// `lineup report` against a running controller: the event log of calls made through the
// FreeSWITCH double, exported as RFC 4180 CSV to a file and as JSON.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ok, startCliStack, type CliStack } from './harness.js';

/** RFC 4180 records: CRLF line ends, quoted fields with doubled quotes. Fails on anything else. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const field = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r\n)/y;
  let record: string[] = [];
  while (field.lastIndex < text.length) {
    const start = field.lastIndex;
    const match = field.exec(text);
    if (match === null) throw new Error(`not RFC 4180 CSV at offset ${start}: ${JSON.stringify(text.slice(start, start + 40))}`);
    const raw = match[1] ?? '';
    record.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (match[2] === '\r\n') {
      records.push(record);
      record = [];
    }
  }
  return records;
}

describe('lineup report against a running controller', () => {
  let stack: CliStack;
  before(async () => {
    stack = await startCliStack();
  });
  after(() => stack.stop());

  test('`report events --format csv --output FILE` holds the rows of the calls made; PAUSE rows carry the reason', async () => {
    await ok(stack.cli('queue', 'add', 'support', '--extension', '7000'));
    await ok(stack.cli('agent', 'add', '1000', '--contact', 'user/1000@default'));
    await ok(stack.cli('tier', 'add', 'support', '1000'));
    await stack.configApplied();
    await ok(stack.cli('agent', 'login', '1000'));
    const caller = await stack.dial({ destination: '7000', callerIdNumber: '5551234', callerIdName: 'Doe, "J"' });
    await stack.events({ callId: caller.uuid }, (rows) => rows.some((row) => row.event === 'CONNECT'));
    caller.hangup();
    await stack.events({ callId: caller.uuid }, (rows) => rows.some((row) => row.event === 'COMPLETECALLER'));
    await ok(stack.cli('agent', 'pause', '1000', '--reason', 'lunch'));
    await stack.events({ agentId: '1000' }, (rows) => rows.some((row) => row.event === 'PAUSE'));

    const file = join(stack.dataDir, 'events.csv');
    const run = await ok(stack.cli('report', 'events', '--format', 'csv', '--output', file));
    assert.equal(run.stdout, '');
    const [header, ...rows] = parseCsv(await readFile(file, 'utf8'));
    assert.ok(header !== undefined);
    for (const column of ['call_id', 'queue', 'agent_id', 'event', 'data']) assert.ok(header.includes(column), `column ${column} in ${header.join(',')}`);
    const at = (name: string): number => header.indexOf(name);
    const ofCall = rows.filter((row) => row[at('call_id')] === caller.uuid);
    assert.deepEqual(
      ofCall.map((row) => [row[at('event')], row[at('queue')], row[at('agent_id')]]),
      [
        ['ENTERQUEUE', 'support', ''],
        ['OFFER', 'support', '1000'],
        ['CONNECT', 'support', '1000'],
        ['COMPLETECALLER', 'support', '1000'],
      ],
    );
    const entered = JSON.parse(ofCall[0]?.[at('data')] ?? '{}') as Record<string, unknown>;
    assert.equal(entered['callerIdName'], 'Doe, "J"', 'a field with a comma and quotes survives the CSV');

    const pauses = await stack.cliJson<{ event: string; agent_id: string; data: Record<string, unknown> }[]>('report', 'events', '--event', 'PAUSE', '--format', 'json');
    assert.deepEqual(pauses.map((row) => [row.event, row.agent_id, row.data['reason']]), [['PAUSE', '1000', 'lunch']]);
  });
});
