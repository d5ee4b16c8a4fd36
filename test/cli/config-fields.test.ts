import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AGENT_FIELDS, QUEUE_FIELDS, TIER_FIELDS, fieldKeys, parseFields, type FieldTable } from '../../src/cli/config-fields.js';
import { boolean, exitKeys, extension, integer, integerOrDefault, optionalText } from '../../src/cli/field-parsers.js';
import { defaultAgentConfig, defaultQueueConfig } from '../../src/engine/index.js';

// mod_callcenter's queue params and agent attributes (docs: reference mod_callcenter.md §2, §3.1).
const MOD_CALLCENTER_QUEUE_PARAMS = [
  'strategy', 'moh-sound', 'announce-sound', 'announce-frequency', 'record-template', 'time-base-score',
  'ring-progressively-delay', 'tier-rules-apply', 'tier-rule-wait-second', 'tier-rule-wait-multiply-level',
  'tier-rule-no-agent-no-wait', 'discard-abandoned-after', 'abandoned-resume-allowed', 'max-wait-time',
  'max-wait-time-with-no-agent', 'max-wait-time-with-no-agent-time-reached', 'agent-no-answer-status',
  'skip-agents-with-external-calls',
];
const MOD_CALLCENTER_AGENT_ATTRIBUTES = ['contact', 'max-no-answer', 'wrap-up-time', 'reject-delay-time', 'busy-delay-time', 'no-answer-delay-time'];

function xmlNames<C>(table: FieldTable<C>): string[] {
  return fieldKeys(table).flatMap((key) => table[key].xml ?? []);
}

describe('config field tables', () => {
  test('flags are unique within each table', () => {
    for (const table of [QUEUE_FIELDS, AGENT_FIELDS, TIER_FIELDS]) {
      const flags = Object.values<{ flag: string }>(table).map((spec) => spec.flag);
      assert.equal(new Set(flags).size, flags.length);
    }
  });

  test('every mod_callcenter queue param and agent attribute has a field', () => {
    assert.deepEqual(xmlNames(QUEUE_FIELDS).sort(), [...MOD_CALLCENTER_QUEUE_PARAMS].sort());
    assert.deepEqual(xmlNames(AGENT_FIELDS).sort(), [...MOD_CALLCENTER_AGENT_ATTRIBUTES].sort());
  });

  test('every field accepts its default value as JSON carries it (what GET returns, PATCH takes back)', () => {
    const queue: Record<string, unknown> = { ...defaultQueueConfig('q'), exitKeys: [{ key: '1', destination: 'voicemail' }] };
    delete queue['name'];
    const agent: Record<string, unknown> = { ...defaultAgentConfig('a', 'user/a') };
    delete agent['id'];
    for (const [table, record] of [
      [QUEUE_FIELDS, queue],
      [AGENT_FIELDS, agent],
      [TIER_FIELDS, { level: 1, position: 2 }],
    ] as [FieldTable<Record<string, unknown>>, Record<string, unknown>][]) {
      const parsed = parseFields(table, JSON.parse(JSON.stringify(record)) as Record<string, unknown>);
      assert.deepEqual(parsed, { ok: true, values: record });
    }
  });

  test('parseFields reports the first refused field with its flag and mod_callcenter name', () => {
    const parsed = parseFields(QUEUE_FIELDS, { strategy: 'ring-all', maxWaitSeconds: 'soon' });
    assert.deepEqual(parsed, {
      ok: false,
      error: { key: 'maxWaitSeconds', flag: 'max-wait-time', xml: 'max-wait-time', value: 'soon', allowed: 'a whole number from 0 to 2147483647' },
    });
  });
});

describe('field parsers', () => {
  test('integers: text or JSON numbers, whole, in range', () => {
    const seconds = integer(0);
    assert.deepEqual(seconds('30'), { ok: true, value: 30 });
    assert.deepEqual(seconds(30), { ok: true, value: 30 });
    for (const bad of ['-1', '1.5', '1e3', '', 'x', 2_147_483_648, 1.5, true, null]) assert.equal(seconds(bad).ok, false, String(bad));
    assert.equal(integer(1)('0').ok, false);
    assert.deepEqual(integer(-5)('-5'), { ok: true, value: -5 });
  });

  test('booleans: mod_callcenter words', () => {
    for (const word of ['true', 'YES', 'on', '1', true]) assert.deepEqual(boolean(word), { ok: true, value: true });
    for (const word of ['false', 'no', 'Off', '0', false]) assert.deepEqual(boolean(word), { ok: true, value: false });
    for (const word of ['maybe', '', 2, null]) assert.equal(boolean(word).ok, false);
  });

  test('optional values clear with an empty string or null', () => {
    assert.deepEqual(optionalText(''), { ok: true, value: null });
    assert.deepEqual(optionalText(null), { ok: true, value: null });
    assert.equal(optionalText('   ').ok, false);
    assert.deepEqual(extension(''), { ok: true, value: null });
    assert.deepEqual(extension('*86#'), { ok: true, value: '*86#' });
    assert.equal(extension('5000a').ok, false);
    assert.deepEqual(integerOrDefault()('default'), { ok: true, value: null });
    assert.deepEqual(integerOrDefault()('7'), { ok: true, value: 7 });
  });

  test('exit keys: text pairs or JSON objects, one digit each, no repeats', () => {
    assert.deepEqual(exitKeys('1=voicemail, 0=1000 XML default'), {
      ok: true,
      value: [{ key: '1', destination: 'voicemail' }, { key: '0', destination: '1000 XML default' }],
    });
    assert.deepEqual(exitKeys(''), { ok: true, value: [] });
    assert.deepEqual(exitKeys([{ key: '#', destination: 'operator' }]), { ok: true, value: [{ key: '#', destination: 'operator' }] });
    for (const bad of ['1', '12=x', '1=', '1=a,1=b', 'a=x', [{ key: 1, destination: 'x' }], 5]) assert.equal(exitKeys(bad).ok, false, JSON.stringify(bad));
  });
});
