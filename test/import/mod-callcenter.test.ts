import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openConfigEditor } from '../../src/api/config-store.js';
import { savedSnapshot } from '../../src/api/persisted-state.js';
import { defaultAgentConfig, defaultQueueConfig } from '../../src/engine/index.js';
import { applyImport } from '../../src/import/apply-import.js';
import { planModCallcenterImport, type ImportPlan } from '../../src/import/mod-callcenter.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/databases.js';
import { repoRoot } from '../support/paths.js';

const VANILLA = readFileSync(join(repoRoot, 'test', 'import', 'fixtures', 'vanilla-callcenter.conf.xml'), 'utf8');

const FULL = `<configuration name="callcenter.conf" description="CallCenter">
  <settings>
    <param name="odbc-dsn" value="pgsql://x"/>
  </settings>
  <queues>
    <queue name="sales@default">
      <param name="strategy" value="ring-all"/>
      <param name="moh-sound" value="local_stream://sales"/>
      <param name="max-wait-time" value="300"/>
      <param name="announce-sound" value="/sounds/wait.wav"/>
      <param name="announce-frequency" value="30"/>
      <param name="record-template" value="$\${recordings_dir}/\${uuid}.wav"/>
      <param name="calls-per-hour" value="7"/>
    </queue>
  </queues>
  <agents>
    <agent name="1000@default" type="callback" contact="[leg_timeout=10]user/1000@default" status="Available" max-no-answer="3" wrap-up-time="10" reject-delay-time="10" busy-delay-time="60" no-answer-delay-time="5"/>
    <agent name="1001@default" type="Callback" contact="user/1001@default" uuid="abc"/>
    <agent name="1002@default" type="uuid-standby"/>
  </agents>
  <tiers>
    <tier agent="1000@default" queue="sales@default" level="2" position="3" state="Ready"/>
    <tier agent="1001@default" queue="sales@default"/>
    <tier agent="1002@default" queue="sales@default"/>
  </tiers>
</configuration>`;

function plan(xml: string): ImportPlan {
  const result = planModCallcenterImport(xml);
  if (!result.ok) assert.fail(result.errors.join('\n'));
  return result.plan;
}

function errors(xml: string): readonly string[] {
  const result = planModCallcenterImport(xml);
  assert.equal(result.ok, false);
  return result.ok ? [] : result.errors;
}

describe('mod_callcenter import: mapping', () => {
  test('the vanilla FreeSWITCH sample maps to one queue, $${hold_music} to local_stream://moh, with a note', () => {
    const vanilla = plan(VANILLA);
    assert.deepEqual(vanilla.queues, [
      {
        ...defaultQueueConfig('support@default'),
        strategy: 'longest-idle-agent',
        mohSound: 'local_stream://moh',
        timeBaseScore: 'system',
        maxWaitSeconds: 0,
        maxWaitWithNoAgentSeconds: 0,
        maxWaitWithNoAgentTimeReachedSeconds: 5,
        tierRulesApply: false,
        tierRuleWaitSeconds: 300,
        tierRuleWaitMultiplyLevel: true,
        tierRuleNoAgentNoWait: false,
        discardAbandonedAfterSeconds: 60,
        abandonedResumeAllowed: false,
      },
    ]);
    assert.deepEqual(vanilla.agents, []);
    assert.deepEqual(vanilla.tiers, []);
    assert.equal(vanilla.notes.length, 1);
    assert.match(vanilla.notes[0] ?? '', /support@default, param moh-sound: \$\$\{hold_music\} replaced by local_stream:\/\/moh/);
  });

  test('queues, agents and tiers map field by field; what has no equivalent is reported', () => {
    const full = plan(FULL);
    assert.deepEqual(full.queues, [
      {
        ...defaultQueueConfig('sales@default'),
        strategy: 'ring-all',
        mohSound: 'local_stream://sales',
        maxWaitSeconds: 300,
        periodicSound: '/sounds/wait.wav',
        periodicFrequencySeconds: 30,
        recordTemplate: '$${recordings_dir}/${uuid}.wav',
      },
    ]);
    assert.deepEqual(full.agents, [
      {
        config: {
          ...defaultAgentConfig('1000@default', '[leg_timeout=10]user/1000@default'),
          maxNoAnswer: 3,
          wrapUpSeconds: 10,
          rejectDelaySeconds: 10,
          busyDelaySeconds: 60,
          noAnswerDelaySeconds: 5,
        },
        status: 'Available',
      },
      { config: defaultAgentConfig('1001@default', 'user/1001@default'), status: null },
    ]);
    assert.deepEqual(full.tiers, [
      { queue: 'sales@default', agentId: '1000@default', level: 2, position: 3 },
      { queue: 'sales@default', agentId: '1001@default', level: 1, position: 1 },
    ]);
    const notes = full.notes.join('\n');
    assert.match(notes, /settings: param odbc-dsn="pgsql:\/\/x" has no Lineup equivalent/);
    assert.match(notes, /queue sales@default, param calls-per-hour="7" has no Lineup equivalent/);
    assert.match(notes, /record-template: \$\$\{recordings_dir\}\/\$\{uuid\}.wav kept as written/);
    assert.match(notes, /agent 1001@default, attribute uuid="abc" has no Lineup equivalent/);
    assert.match(notes, /agent 1002@default: type uuid-standby is not supported.*not imported/);
    assert.match(notes, /tier sales@default\/1000@default, attribute state="Ready" has no Lineup equivalent/);
    assert.equal(full.notes.length, 6);
  });

  test('a bad value refuses the whole file, naming where, the param, the value and what is allowed', () => {
    const bad = errors(`<configuration><queues><queue name="q"><param name="max-wait-time" value="soon"/>
      <param name="strategy" value="fastest"/></queue></queues>
      <agents><agent name="a" contact="user/a" status="Busy"/></agents>
      <tiers><tier queue="q" agent="b" level="-1"/></tiers></configuration>`);
    assert.deepEqual(bad, [
      'queue q: invalid value "fastest" for param strategy: allowed one of ring-all, longest-idle-agent, round-robin, top-down, agent-with-least-talk-time, agent-with-fewest-calls, sequentially-by-agent-order, random, ring-progressively, round-robin-memory, linear, fewest-calls-in-window, weighted-random, ring-n-random, ring-n-ordered',
      'agent a: invalid value "Busy" for attribute status: allowed one of Logged Out, Available, Available (On Demand), On Break',
      'tier q/b: invalid value "-1" for attribute level: allowed a whole number from 0 to 2147483647',
    ]);
  });

  test('a contact FreeSWITCH could never dial refuses the file, naming the agent once, what is wrong and the fix', () => {
    const bad = errors(`<configuration><agents>
      <agent name="a" contact="user/1000,user/1001"/>
      <agent name="b" contact="user/1000@$\${domain}"/>
      <agent name="c" contact="[leg_timeout=10]user/1002"/></agents></configuration>`);
    assert.equal(bad.length, 2);
    assert.match(bad[0] ?? '', /^agent a: field contact is "user\/1000,user\/1001", which FreeSWITCH can never dial: it lists several endpoints.*one agent per phone/);
    assert.match(bad[1] ?? '', /^agent b: field contact .*\$\{…\}.*write the value instead/);
  });

  test('malformed XML and a file that is not callcenter.conf say so', () => {
    assert.match(errors('<configuration><queues>')[0] ?? '', /not well-formed XML/);
    assert.match(errors('<document><section/></document>')[0] ?? '', /no <configuration> root element/);
  });
});

for (const backend of testBackends()) {
  describe(`mod_callcenter import: writing (${backend.name})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openTestDatabase(backend);
    });
    after(() => t.close());

    test('imports the vanilla sample, and importing again replaces instead of duplicating', async () => {
      const first = await applyImport(t.database.db, plan(VANILLA), Date.now());
      assert.deepEqual(first.ok && first.value.queues, { added: 1, replaced: 0 });
      const again = await applyImport(t.database.db, plan(VANILLA), Date.now());
      assert.deepEqual(again.ok && again.value.queues, { added: 0, replaced: 1 });
      const queue = await openConfigEditor(t.database).queues.get('support@default');
      assert.equal(queue.ok && queue.value.tierRuleWaitSeconds, 300);
    });

    test('agents, tiers and XML statuses are written together', async () => {
      const result = await applyImport(t.database.db, plan(FULL), Date.now());
      assert.deepEqual(result.ok && result.value, {
        queues: { added: 1, replaced: 0 },
        agents: { added: 2, replaced: 0 },
        tiers: { added: 2, replaced: 0 },
        statuses: 1,
      });
      const tiers = await openConfigEditor(t.database).tiers.list();
      assert.deepEqual(tiers.ok && tiers.value.map((tier) => `${tier.queue}/${tier.agentId}@${tier.level}.${tier.position}`), [
        'sales@default/1001@default@1.1',
        'sales@default/1000@default@2.3',
      ]);
      const saved = await savedSnapshot(t.database.db, [], Date.now());
      assert.deepEqual(saved.ok && saved.value.agents.map((agent) => [agent.id, agent.status]), [['1000@default', 'Available']]);
    });

    test('a tier to an agent that exists nowhere rolls back the whole import', async () => {
      const xml = `<configuration><queues><queue name="orphans"/></queues>
        <tiers><tier queue="orphans" agent="ghost"/></tiers></configuration>`;
      const result = await applyImport(t.database.db, plan(xml), Date.now());
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.error.message : '', /agent ghost does not exist/);
      const queue = await openConfigEditor(t.database).queues.get('orphans');
      assert.equal(!queue.ok && queue.error.code, 'not-found');
    });
  });
}
