import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildOriginateCommand, type OriginateRequest } from '../../src/freeswitch/originate-command.js';

const request: OriginateRequest = {
  uuid: '9ee6202b-0f53-446b-ac02-66dc014b1068',
  contact: 'sofia/internal/agent1@127.0.0.1:5090',
  timeoutSeconds: 15,
  callerIdNumber: '1000',
  callerIdName: 'Queue Sales',
  variables: { lineup_call: 'C7', lineup_agent: 'agent-1' },
};

function commandOf(input: OriginateRequest): string {
  const built = buildOriginateCommand(input);
  assert.ok(built.ok, built.ok ? '' : built.message);
  return built.command;
}

function errorOf(input: OriginateRequest): string {
  const built = buildOriginateCommand(input);
  assert.ok(!built.ok, 'expected the request to be refused');
  return built.message;
}

describe('buildOriginateCommand', () => {
  test('builds the dial string with our uuid, timeout, caller id and lineup variables, parked on answer', () => {
    assert.equal(
      commandOf(request),
      'originate {origination_uuid=9ee6202b-0f53-446b-ac02-66dc014b1068,originate_timeout=15,ignore_early_media=true,' +
        'origination_caller_id_number=1000,origination_caller_id_name=Queue\\sSales,lineup_call=C7,lineup_agent=agent-1}' +
        'sofia/internal/agent1@127.0.0.1:5090 &park()',
    );
  });

  test('escapes commas as \\, and spaces as \\s, keeps "=", trims the value', () => {
    const command = commandOf({ ...request, callerIdName: ' Smith, John ', variables: { lineup_note: 'a=b c,d' } });
    assert.match(command, /origination_caller_id_name=Smith\\,\\sJohn,/);
    assert.match(command, /lineup_note=a=b\\sc\\,d\}/);
  });

  test('refuses characters FreeSWITCH cannot carry in a variable value, naming the variable', () => {
    assert.match(errorOf({ ...request, callerIdName: "O'Brien" }), /origination_caller_id_name=.*"'"/);
    assert.match(errorOf({ ...request, variables: { lineup_x: 'a}b' } }), /lineup_x/);
    assert.match(errorOf({ ...request, variables: { lineup_x: 'line\nbreak' } }), /lineup_x/);
  });

  test('refuses variable names outside lineup_*, bad uuids, contacts and timeouts', () => {
    assert.match(errorOf({ ...request, variables: { origination_uuid: 'x' } }), /lineup_/);
    assert.match(errorOf({ ...request, uuid: 'not a uuid' }), /UUID/);
    assert.match(errorOf({ ...request, contact: 'user/1001 &echo()' }), /contact/);
    assert.match(errorOf({ ...request, contact: '{a=b}user/1001' }), /contact/);
    assert.match(errorOf({ ...request, timeoutSeconds: 0 }), /timeoutSeconds/);
    assert.match(errorOf({ ...request, timeoutSeconds: 1.5 }), /timeoutSeconds/);
  });
});
