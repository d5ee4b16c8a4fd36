import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOriginate, parseVariables } from '../double/dial-string.js';

describe('originate argument parsing (double)', () => {
  test('global {…} and per-leg […] variables, two legs, &park()', () => {
    const parsed = parseOriginate(
      '{originate_timeout=15,ignore_early_media=true}[origination_uuid=A1,leg_timeout=5]sofia/internal/agent1@127.0.0.1:5090,[origination_uuid=A2]user/1001@default &park()',
    );
    assert.ok(parsed.ok);
    const { legs, target, globalVariables } = parsed.value;
    assert.equal(globalVariables.get('ignore_early_media'), 'true');
    assert.deepEqual(legs.map((l) => l.endpoint), ['sofia/internal/agent1@127.0.0.1:5090', 'user/1001@default']);
    assert.deepEqual([legs[0]?.variables.get('origination_uuid'), legs[0]?.variables.get('leg_timeout'), legs[0]?.variables.get('originate_timeout')], ['A1', '5', '15']);
    assert.equal(legs[1]?.variables.get('leg_timeout'), undefined);
    assert.deepEqual(target, { kind: 'app', app: 'park', arg: '' });
  });

  test('positional arguments: extension target, undef placeholders, timeout', () => {
    const parsed = parseOriginate('user/1000@default 5555 XML public undef 4000 20');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.target, { kind: 'extension', extension: '5555' });
    assert.equal(parsed.value.callerIdName, undefined);
    assert.equal(parsed.value.callerIdNumber, '4000');
    assert.equal(parsed.value.timeoutSeconds, 20);
  });

  test('quoted values keep their commas and spaces; ^^: alternate delimiter', () => {
    assert.deepEqual([...parseVariables("a='x, y',b=2")], [['a', 'x, y'], ['b', '2']]);
    assert.deepEqual([...parseVariables('^^:a=1,2:b=3')], [['a', '1,2'], ['b', '3']]);
  });

  test('missing target → -USAGE', () => {
    const parsed = parseOriginate('user/1000@default');
    assert.equal(parsed.ok, false);
  });
});
