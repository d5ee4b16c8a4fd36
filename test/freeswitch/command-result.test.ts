import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FreeSwitchApplicationEndedError, FreeSwitchFailedCommandError, FreeSwitchTimeoutError } from 'esl-lite';
import {
  bridgeCommand,
  existsCommand,
  killCommand,
  transferCommand,
} from '../../src/freeswitch/channel-commands.js';
import { commandResult, jobReply } from '../../src/freeswitch/command-result.js';
import { originateResult } from '../../src/freeswitch/originate-result.js';

const CALLER = '090c8298-3dfe-444a-a9ac-bffd7c4391ea';
const AGENT = '9ee6202b-0f53-446b-ac02-66dc014b1068';

describe('uuid_* command lines', () => {
  test('are exactly what the captured sessions sent', () => {
    assert.deepEqual(bridgeCommand(CALLER, AGENT), { ok: true, command: `uuid_bridge ${CALLER} ${AGENT}` });
    assert.deepEqual(killCommand(AGENT, 'ORIGINATOR_CANCEL'), { ok: true, command: `uuid_kill ${AGENT} ORIGINATOR_CANCEL` });
    assert.deepEqual(transferCommand(CALLER, '5555', 'public'), { ok: true, command: `uuid_transfer ${CALLER} 5555 XML public` });
    assert.deepEqual(existsCommand(CALLER), { ok: true, command: `uuid_exists ${CALLER}` });
  });

  test('refuse arguments that would shift FreeSWITCH\'s blank-separated arguments', () => {
    assert.equal(bridgeCommand(CALLER, `${AGENT} x`).ok, false);
    assert.equal(killCommand(AGENT, 'normal clearing').ok, false);
    assert.equal(transferCommand(CALLER, '55 55', 'public').ok, false);
  });
});

describe('job results', () => {
  test('BACKGROUND_JOB bodies from the captures', () => {
    assert.deepEqual(jobReply(`+OK ${AGENT}\n`), { ok: true, reply: AGENT });
    assert.deepEqual(jobReply('+OK\n'), { ok: true, reply: '' });
    assert.deepEqual(jobReply('true'), { ok: true, reply: 'true' });
    const failed = jobReply('-ERR No Such Channel!\n');
    assert.ok(!failed.ok && failed.failure.kind === 'failed' && failed.failure.reply === '-ERR No Such Channel!');
    assert.equal(jobReply('uuid_nope: Command not found!\n').ok, false);
  });

  test('originate: +OK <uuid> is the answered leg, -ERR <cause> the hangup cause', () => {
    assert.deepEqual(originateResult(jobReply(`+OK ${AGENT}\n`)), { ok: true, uuid: AGENT });
    for (const cause of ['NO_ANSWER', 'USER_BUSY', 'CALL_REJECTED', 'SUBSCRIBER_ABSENT', 'USER_NOT_REGISTERED', 'ORIGINATOR_CANCEL']) {
      const result = originateResult(jobReply(`-ERR ${cause}\n`));
      assert.ok(!result.ok && result.cause === cause, cause);
    }
  });

  test('esl-lite error values become typed failures, and originate causes ESL_*', () => {
    const timeout = commandResult(new FreeSwitchTimeoutError(20_000, 'awaitSignal'));
    assert.ok(!timeout.ok && timeout.failure.kind === 'timeout');
    const rejected = commandResult(new FreeSwitchFailedCommandError('bgapi x', '-ERR command not found'));
    assert.ok(!rejected.ok && rejected.failure.kind === 'rejected' && rejected.failure.reply === '-ERR command not found');
    const closed = commandResult(new FreeSwitchApplicationEndedError());
    assert.ok(!closed.ok && closed.failure.kind === 'closed');
    const originate = originateResult(timeout);
    assert.ok(!originate.ok && originate.cause === 'ESL_TIMEOUT');
  });
});
