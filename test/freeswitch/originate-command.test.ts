import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildOriginateCommand, parseContact, type OriginateRequest } from '../../src/freeswitch/originate-command.js';

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
    assert.match(errorOf({ ...request, contact: 'user/1001 &echo()' }), /contact "user\/1001 &echo\(\)" cannot be dialled: it contains whitespace/);
    assert.match(errorOf({ ...request, timeoutSeconds: 0 }), /timeoutSeconds/);
    assert.match(errorOf({ ...request, timeoutSeconds: 1.5 }), /timeoutSeconds/);
  });
});

const LINEUP_BLOCK =
  'origination_uuid=9ee6202b-0f53-446b-ac02-66dc014b1068,originate_timeout=15,ignore_early_media=true,' +
  'origination_caller_id_number=1000,origination_caller_id_name=Queue\\sSales,lineup_call=C7,lineup_agent=agent-1';

describe('agent contacts with variable blocks (mod_callcenter style)', () => {
  test('[…] variables stay on the leg, after our {…} block: {lineup}[contact]endpoint', () => {
    assert.equal(
      commandOf({ ...request, contact: '[leg_timeout=10,sip_h_X-Queue=support]user/1001' }),
      `originate {${LINEUP_BLOCK}}[leg_timeout=10,sip_h_X-Queue=support]user/1001 &park()`,
    );
  });

  test('{…} variables join our {…} block; several blocks of each kind become one; \\, and \\s kept as written', () => {
    assert.equal(
      commandOf({ ...request, contact: '{absolute_codec_string=PCMU\\,PCMA}{sip_cid_type=none}[leg_timeout=5][x=a\\sb]sofia/internal/1001@192.0.2.10:5060' }),
      `originate {${LINEUP_BLOCK},absolute_codec_string=PCMU\\,PCMA,sip_cid_type=none}[leg_timeout=5,x=a\\sb]sofia/internal/1001@192.0.2.10:5060 &park()`,
    );
  });

  test('parseContact splits blocks from the endpoint', () => {
    assert.deepEqual(parseContact('{a=1}[b=2,c=3]user/1000@example.com'), {
      ok: true,
      globalVariables: ['a=1'],
      legVariables: ['b=2', 'c=3'],
      endpoint: 'user/1000@example.com',
    });
    assert.deepEqual(parseContact('loopback/9664/default'), { ok: true, globalVariables: [], legVariables: [], endpoint: 'loopback/9664/default' });
  });

  const refusedContacts: readonly (readonly [string, RegExp])[] = [
    ['user/1000,user/1001', /several endpoints/],
    ['user/1000|user/1001', /several endpoints/],
    ['[leg_timeout=10]user/1000,[leg_timeout=10]user/1001', /several endpoints/],
    ['user/1000:_:user/1001', /":_:"/],
    ['user/1000 ', /whitespace/],
    ['user/10\u000100', /control character/],
    ["[x='a']user/1000", /quote/],
    ['user/"1000"', /quote/],
    ['${sofia_contact(1000@example.com)}', /\$\{…\}.*write the value/],
    ['user/1000@$${domain}', /\$\{…\}/],
    ['[leg_timeout=10user/1000', /\[…\] block is not closed/],
    ['[leg_timeout=10]{a=b}user/1000', /put the \{…\} blocks first/],
    ['[leg_timeout]user/1000', /"leg_timeout" in its \[…\] block is not name=value/],
    ['[^^:a=1:b=2]user/1000', /not name=value/],
    ['[]user/1000', /not name=value/],
    ['{origination_uuid=x}user/1000', /sets origination_uuid, which Lineup sets itself/],
    ['[Originate_Timeout=5]user/1000', /sets originate_timeout.*leg_timeout=N/],
    ['[lineup_call=x]user/1000', /sets lineup_call/],
    ['1000', /"1000" is not an endpoint.*type\/address/],
    ['user/10]00', /is not an endpoint/],
    ['', /empty/],
  ];

  for (const [contact, says] of refusedContacts) {
    test(`refuses ${JSON.stringify(contact)}, saying why`, () => {
      const parsed = parseContact(contact);
      assert.ok(!parsed.ok, 'expected a refusal');
      assert.match(parsed.problem, says);
      assert.match(errorOf({ ...request, contact }), /^originate contact .* cannot be dialled: /);
    });
  }
});
