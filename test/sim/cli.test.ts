// End-to-end runs spawn the binary (exit codes, output); the many refusals run in-process on a
// program holding only the command under test, which is much faster.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { register as registerErlang } from '../../src/cli/commands/erlang.js';
import { register as registerSimulate } from '../../src/cli/commands/simulate.js';
import { CliFailure } from '../../src/cli/errors.js';
import { runCli } from './run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'lineup-sim-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function scenarioFile(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const SCENARIO = {
  calls: 1_000,
  queues: [{ name: 'sales', strategy: 'ring-all' }, { name: 'support' }],
  agents: [{ id: 'a1' }, { id: 'a2' }],
  tiers: [
    { queue: 'sales', agentId: 'a1' },
    { queue: 'support', agentId: 'a2' },
  ],
  arrivals: [
    { queue: 'sales', callsPerHour: 10, handleTime: { kind: 'exponential', meanSeconds: 120 } },
    { queue: 'support', callsPerHour: 10, handleTime: { kind: 'fixed', seconds: 120 } },
  ],
};

/** Runs `args` on a program with both commands and expects a failure that the binary exits 2 for. */
async function assertUsageError(args: readonly string[], message: string): Promise<void> {
  let stderr = '';
  const program = new Command('lineup').exitOverride().configureOutput({
    writeErr: (text) => (stderr += text),
    writeOut: () => assert.fail('nothing is printed on a usage error'),
  });
  registerSimulate(program);
  registerErlang(program);
  await assert.rejects(program.parseAsync([...args], { from: 'user' }), (error: unknown) => {
    if (error instanceof CliFailure) {
      assert.equal(error.exitCode, 2, error.message);
      assert.ok(error.message.includes(message), `message: ${error.message}\nexpected: ${message}`);
    } else {
      // commander's own refusals (unknown options) print to stderr; main.ts exits 2 for them.
      assert.ok(error instanceof CommanderError, String(error));
      assert.ok(stderr.includes(message), `stderr: ${stderr}\nexpected: ${message}`);
    }
    return true;
  });
}

describe('lineup simulate', () => {
  test('--json prints one object with the issue\'s metrics', () => {
    const run = runCli(['simulate', '--agents', '8', '--calls-per-hour', '100', '--aht', '180', '--calls', '2000', '--seed', '3', '--strategy', 'ring-all', '--sl-threshold', '30', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    for (const key of ['offered', 'answered', 'abandoned', 'service_level', 'asa_seconds', 'p_wait', 'occupancy', 'max_wait_seconds']) {
      assert.equal(typeof report[key], 'number', `${key} in ${run.stdout}`);
    }
    assert.equal(report['offered'], 2000);
    assert.equal(report['answered'], 2000);
    assert.equal(report['sl_threshold_seconds'], 30);
    for (const key of ['service_level', 'p_wait', 'occupancy']) {
      const value = report[key] as number;
      assert.ok(value > 0 && value < 1, `${key} = ${value}`);
    }
  });

  test('abandons with --patience; a summary without --json', () => {
    const run = runCli(['simulate', '--agents', '5', '--calls-per-hour', '100', '--aht', '180', '--calls', '2000', '--patience', '30']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Simulated 2000 calls/);
    const all = run.stdout.split('\n').find((line) => line.startsWith('all '));
    const abandoned = Number(all?.trim().split(/\s+/)[3]);
    assert.ok(abandoned > 100, run.stdout);
  });

  test('a scenario file, with --calls overriding the file', () => {
    const run = runCli(['simulate', '--scenario', scenarioFile('ok.json', SCENARIO), '--calls', '500', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { offered: number; queues: { name: string; offered: number }[] };
    assert.equal(report.offered, 500);
    assert.deepEqual(report.queues.map((queue) => queue.name), ['sales', 'support']);
  });

  test('the binary exits 2 on a bad flag, with the message on stderr', () => {
    const run = runCli(['simulate', '--agents', '0', '--calls-per-hour', '100', '--aht', '180', '--json']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'lineup: --agents: "0" is not an integer ≥ 1 and ≤ 1000000\n');
  });

  test('bad flags are refused naming the flag, the value and what is allowed', async () => {
    const flags = ['--calls-per-hour', '100', '--aht', '180'];
    await assertUsageError(['simulate', '--agents', '0', ...flags], '--agents: "0" is not an integer ≥ 1');
    await assertUsageError(['simulate', '--agents', 'eight', ...flags], '--agents: "eight" is not an integer');
    await assertUsageError(['simulate', '--agents', '8', '--calls-per-hour', '100'], '--aht: missing');
    await assertUsageError(['simulate', '--agents', '8', ...flags, '--strategy', 'fastest'], '--strategy: "fastest" is not a strategy; allowed: ring-all,');
    await assertUsageError(['simulate', '--agents', '8', ...flags, '--calls', '-5'], '--calls: "-5" is not an integer ≥ 1');
    await assertUsageError(['simulate', '--agents', '8', ...flags, '--rna-probability', '2'], '--rna-probability: "2" is not a number ≥ 0 and ≤ 1');
    await assertUsageError(['simulate', '--agents', '8', ...flags, '--handle-time', 'normal'], '--handle-time: "normal" is not a handle time distribution; allowed: exponential, fixed');
    await assertUsageError(['simulate', '--agents', '8', ...flags, '--frobnicate'], "unknown option '--frobnicate'");
  });

  test('a bad scenario file is refused naming the file and the field', async () => {
    const badStrategy = { ...SCENARIO, queues: [{ name: 'sales' }, { name: 'support', strategy: 'foo' }] };
    await assertUsageError(
      ['simulate', '--scenario', scenarioFile('bad.json', badStrategy)],
      'bad.json": scenario.queues[1].strategy: "foo" is not a strategy; allowed: ring-all,',
    );
    await assertUsageError(['simulate', '--scenario', scenarioFile('broken.json', '{"queues": [')], 'broken.json": not valid JSON');
    await assertUsageError(['simulate', '--scenario', join(folder, 'missing.json')], '--scenario: cannot read');
    await assertUsageError(['simulate', '--scenario', scenarioFile('ok2.json', SCENARIO), '--agents', '3'], '--agents cannot be combined with --scenario');
  });
});

describe('lineup erlang', () => {
  test('the staffing table around the answer', () => {
    const run = runCli(['erlang', '--calls-per-hour', '100', '--aht', '180', '--target-sl', '0.8', '--sl-threshold', '20']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Agents needed: 8\n/);
    assert.match(run.stdout, /\n> +8 +62\.5 % +0\.167 +10\.0 s +88\.0 % +0\.28\n/);
    assert.match(run.stdout, /\n +7 +71\.4 % +0\.324 +29\.2 s +74\.0 %/);
  });

  test('--json, with --agents and --target-asa', () => {
    const run = runCli(['erlang', '--calls-per-hour', '100', '--aht', '180', '--agents', '12', '--target-asa', '5', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { agents_needed: number; rows: { agents: number; p_wait: number }[] };
    assert.equal(result.agents_needed, 9, 'SL 80/20 needs 8, ASA ≤ 5 s needs 9');
    assert.deepEqual(result.rows.map((row) => row.agents), [7, 8, 9, 10, 11, 12, 13, 14]);
    assert.ok(Math.abs((result.rows[1]?.p_wait ?? 0) - 0.1673) < 1e-4);
  });

  test('bad flags are refused naming the flag', async () => {
    await assertUsageError(['erlang', '--calls-per-hour', '100', '--aht', '180', '--target-sl', '80'], '--target-sl: "80" is not a number > 0 and < 1');
    await assertUsageError(['erlang', '--aht', '180'], '--calls-per-hour: missing');
    await assertUsageError(['erlang', '--calls-per-hour', '1e9', '--aht', '3600'], '--calls-per-hour: 1000000000 calls/h × 3600 s is 1000000000 Erlangs');
  });
});
