import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { EngineHost } from '../../src/controller/engine-host.js';
import { Engine, defaultAgentConfig, defaultQueueConfig, type QueueEvent } from '../../src/engine/index.js';

describe('EngineHost', () => {
  test('commands go out before the events are logged; logs keep event order when a command submits another input', () => {
    const timeline: string[] = [];
    const recorded: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void timeline.push(`log ${(JSON.parse(line) as { event?: string }).event ?? ''}`) });
    let host: EngineHost | null = null;
    let failed = false;
    host = new EngineHost(
      new Engine(),
      {
        execute: (command) => {
          timeline.push(`execute ${command.kind}`);
          // A ring that fails at once (as an originate refused before it is sent): an input inside a command.
          if (command.kind === 'ring' && !failed) {
            failed = true;
            host?.submit({ kind: 'offer-failed', offerId: command.offerId, cause: 'USER_BUSY' });
          }
        },
        record: (events: readonly QueueEvent[]) => recorded.push(...events.map((e) => e.type)),
        handled: () => {},
      },
      logger,
      () => 1_700_000_000_000,
    );
    host.submit({ kind: 'queue-upserted', queue: { ...defaultQueueConfig('q'), maxRingSeconds: 10 } });
    host.submit({ kind: 'agent-upserted', agent: defaultAgentConfig('a1', 'user/a1'), restoreStatus: 'Available' });
    host.submit({ kind: 'tier-upserted', tier: { queue: 'q', agentId: 'a1', level: 1, position: 1 } });
    timeline.length = 0;
    recorded.length = 0;

    host.submit({ kind: 'caller-entered', callId: 'c1', queue: 'q', callerIdNumber: '100', callerIdName: 'x' });
    host.stop();
    const logged = timeline.filter((entry) => entry.startsWith('log ')).map((entry) => entry.slice(4));
    assert.deepEqual(logged, recorded, 'logged in the order the event log has them');
    assert.ok(recorded.indexOf('OFFER') < recorded.findIndex((type) => type.startsWith('RING')), recorded.join(' '));
    assert.equal(timeline[0], 'execute ring', `the originate goes out first: ${timeline.join(', ')}`);
  });
});
