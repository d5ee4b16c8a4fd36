import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Command } from 'commander';
import { addServeOptions, readServeOptions, type ServeOptions } from '../../src/cli/commands/serve-options.js';
import { CliFailure } from '../../src/cli/errors.js';

/** Parses `serve ARGS` with the given environment, as `lineup serve` would. */
function parse(args: readonly string[], env: NodeJS.ProcessEnv = {}): ServeOptions {
  const saved = { ...process.env };
  // commander reads .env() variables from process.env at parse time.
  for (const key of Object.keys(process.env)) if (key.startsWith('LINEUP_') || key === 'DATABASE_URL') delete process.env[key];
  Object.assign(process.env, env);
  try {
    const command = addServeOptions(new Command('serve').exitOverride());
    command.parse([...args], { from: 'user' });
    return readServeOptions(command.opts(), process.env);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

function refusal(args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parse(args, env);
  } catch (error) {
    assert.ok(error instanceof CliFailure);
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail(`serve ${args.join(' ')} was accepted`);
}

describe('lineup serve options', () => {
  test('defaults: embedded database, one local FreeSWITCH, loopback listeners, generated token', () => {
    assert.deepEqual(parse([]), {
      databaseUrl: undefined,
      dataDir: undefined,
      esl: [{ name: 'fs1', host: '127.0.0.1', port: 8021, password: 'ClueCon' }],
      outboundListen: { host: '127.0.0.1', port: 8084 },
      apiListen: { host: '127.0.0.1', port: 8085 },
      apiToken: undefined,
      logLevel: 'info',
      pauseReasons: null,
    });
  });

  test('flags: several ESL nodes (named or not, passwords with colons), listeners, token, reasons', () => {
    const options = parse([
      '--esl', 'a=10.0.0.1:8021:se:cret',
      '--esl', '10.0.0.2:8022:pw',
      '--outbound-listen', '0.0.0.0:9084',
      '--api-listen', '127.0.0.1:0',
      '--api-token', 't0k',
      '--pause-reasons', 'lunch, meeting',
      '--log-level', 'debug',
    ]);
    assert.deepEqual(options.esl, [
      { name: 'a', host: '10.0.0.1', port: 8021, password: 'se:cret' },
      { name: 'fs2', host: '10.0.0.2', port: 8022, password: 'pw' },
    ]);
    assert.deepEqual(options.outboundListen, { host: '0.0.0.0', port: 9084 });
    assert.equal(options.apiToken, 't0k');
    assert.deepEqual(options.pauseReasons, ['lunch', 'meeting']);
    assert.equal(options.logLevel, 'debug');
  });

  test('environment: DATABASE_URL, LINEUP_DATA_DIR, LINEUP_ESL, LINEUP_API_TOKEN; flags win', () => {
    const env = {
      DATABASE_URL: 'postgres://u:p@db:5432/lineup',
      LINEUP_DATA_DIR: '/var/lib/lineup',
      LINEUP_ESL: 'east=10.1.0.1:8021:x,west=10.2.0.1:8021:y',
      LINEUP_API_TOKEN: 'from-env',
    };
    const options = parse([], env);
    assert.equal(options.databaseUrl, 'postgres://u:p@db:5432/lineup');
    assert.equal(options.dataDir, '/var/lib/lineup');
    assert.deepEqual(options.esl.map((node) => node.name), ['east', 'west']);
    assert.equal(options.apiToken, 'from-env');
    assert.deepEqual(parse(['--esl', 'only=h:1:p'], env).esl.map((node) => node.name), ['only']);
  });

  test('IPv6 hosts in brackets, named or not, in --esl, LINEUP_ESL and the listeners', () => {
    const options = parse(['--esl', 'v6=[::1]:8021:se:cret', '--esl', '[2001:db8::5]:8022:pw', '--outbound-listen', '[::1]:9084']);
    assert.deepEqual(options.esl, [
      { name: 'v6', host: '::1', port: 8021, password: 'se:cret' },
      { name: 'fs2', host: '2001:db8::5', port: 8022, password: 'pw' },
    ]);
    assert.deepEqual(options.outboundListen, { host: '::1', port: 9084 });
    assert.deepEqual(parse([], { LINEUP_ESL: 'a=[fe80::1]:8021:x,b=10.0.0.2:8021:y' }).esl.map((node) => [node.name, node.host]), [
      ['a', 'fe80::1'],
      ['b', '10.0.0.2'],
    ]);
  });

  const bad: readonly [string, readonly string[], NodeJS.ProcessEnv, RegExp][] = [
    ['ESL without password', ['--esl', '10.0.0.1:8021'], {}, /"10\.0\.0\.1:8021" for --esl: expected \[name=\]host:port:password/],
    ['ESL port out of range', ['--esl', 'h:70000:pw'], {}, /"h:70000:pw" for --esl: the port must be 1-65535/],
    ['IPv6 ESL host without brackets', ['--esl', '::1:8021:pw'], {}, /"::1:8021:pw" for --esl: expected .*IPv6 host in brackets: fs1=\[::1\]:8021/],
    ['IPv6 ESL host, unclosed bracket', ['--esl', '[::1:8021:pw'], {}, /"\[::1:8021:pw" for --esl: expected .*in brackets/],
    ['listen: unclosed bracket', ['--outbound-listen', '[::1:8084'], {}, /"\[::1:8084" for --outbound-listen: expected host:port/],
    ['listen: empty IPv6 host', ['--api-listen', '[]:8085'], {}, /"\[\]:8085" for --api-listen: expected host:port/],
    ['bad LINEUP_ESL', [], { LINEUP_ESL: 'nonsense' }, /"nonsense" for LINEUP_ESL/],
    ['duplicate node names', ['--esl', 'a=h:1:p', '--esl', 'a=k:2:q'], {}, /duplicate FreeSWITCH node names.*a, a/],
    ['listen without port', ['--api-listen', 'localhost'], {}, /"localhost" for --api-listen: expected host:port/],
    ['listen bad port', ['--outbound-listen', '127.0.0.1:x'], {}, /"127\.0\.0\.1:x" for --outbound-listen: the port must be 0-65535/],
    ['log level', ['--log-level', 'loud'], {}, /"loud" for --log-level: allowed one of fatal, error, warn, info, debug, trace, silent/],
    ['database URL', [], { DATABASE_URL: 'mysql://x' }, /--database-url \/ DATABASE_URL: expected postgres:\/\//],
  ];
  for (const [name, args, env, message] of bad) {
    test(`refused with exit 2: ${name}`, () => assert.match(refusal(args, env), message));
  }
});
