// Every command × bad values, through the real binary: the exit code, a message naming the
// field (or flag), the bad value and what is allowed, and a database left exactly as it was.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openConfigEditor } from '../../src/api/config-store.js';
import { writeRuntimeFile } from '../../src/controller/runtime-file.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/databases.js';
import { runCli } from './run-cli.js';

interface BadCase {
  readonly args: readonly string[];
  readonly exit: 1 | 2;
  /** Every pattern must match stderr. */
  readonly says: readonly RegExp[];
  readonly env?: NodeJS.ProcessEnv;
}

const STRATEGY = /allowed one of ring-all, longest-idle-agent/;
const WHOLE = /allowed a whole number from 0 to 2147483647/;
const BOOL = /allowed true or false/;

const CASES: readonly BadCase[] = [
  // queue add
  { args: ['queue', 'add', 'q1', '--strategy', 'fastest'], exit: 2, says: [/--strategy/, /"fastest"/, STRATEGY] },
  { args: ['queue', 'add', 'q1', '--max-wait-time', '-1'], exit: 2, says: [/--max-wait-time/, /"-1"/, WHOLE] },
  { args: ['queue', 'add', 'q1', '--max-wait-time', 'soon'], exit: 2, says: [/--max-wait-time/, /"soon"/, WHOLE] },
  { args: ['queue', 'add', 'q1', '--max-wait-time', '1.5'], exit: 2, says: [/--max-wait-time/, /"1\.5"/, WHOLE] },
  { args: ['queue', 'add', 'q1', '--max-wait-time', '99999999999'], exit: 2, says: [/--max-wait-time/, /"99999999999"/, WHOLE] },
  { args: ['queue', 'add', 'q1', '--tier-rules-apply', 'maybe'], exit: 2, says: [/--tier-rules-apply/, /"maybe"/, BOOL] },
  { args: ['queue', 'add', 'q1', '--max-ring-time', '0'], exit: 2, says: [/--max-ring-time/, /"0"/, /allowed a whole number from 1/] },
  { args: ['queue', 'add', 'q1', '--ring-n', '0'], exit: 2, says: [/--ring-n/, /"0"/, /from 1/] },
  { args: ['queue', 'add', 'q1', '--extension', '50a'], exit: 2, says: [/--extension/, /"50a"/, /digits, \*, # or \+/] },
  { args: ['queue', 'add', 'q1', '--exit-keys', '11=voicemail'], exit: 2, says: [/--exit-keys/, /"11=voicemail"/, /one DTMF digit/] },
  { args: ['queue', 'add', 'q1', '--exit-keys', '1=a,1=b'], exit: 2, says: [/--exit-keys/, /"1=a,1=b"/, /key=destination/] },
  { args: ['queue', 'add', 'q1', '--agent-no-answer-status', 'Busy'], exit: 2, says: [/--agent-no-answer-status/, /"Busy"/, /On Break, Logged Out/] },
  { args: ['queue', 'add', 'q1', '--time-base-score', 'member'], exit: 2, says: [/--time-base-score/, /"member"/, /queue, system/] },
  { args: ['queue', 'add', 'q1', '--join-policy', 'never'], exit: 2, says: [/--join-policy/, /"never"/, /always, require-logged-in/] },
  { args: ['queue', 'add', 'q1', '--moh-sound', ''], exit: 2, says: [/--moh-sound/, /""/, /non-empty text/] },
  { args: ['queue', 'add', 'bad name'], exit: 2, says: [/queue name/, /"bad name"/, /letters, digits/] },
  { args: ['queue', 'add', 'support'], exit: 2, says: [/queue support already exists/, /lineup queue set/] },
  { args: ['queue', 'add', 'q1', '--bogus', '1'], exit: 2, says: [/unknown option '--bogus'/] },
  { args: ['queue', 'add'], exit: 2, says: [/missing required argument 'name'/] },
  // queue set / show / delete
  { args: ['queue', 'set', 'support', '--strategy', 'fastest'], exit: 2, says: [/--strategy/, /"fastest"/, STRATEGY] },
  { args: ['queue', 'set', 'support', '--priority', 'high'], exit: 2, says: [/--priority/, /"high"/, /whole number from -2147483648/] },
  { args: ['queue', 'set', 'support'], exit: 2, says: [/nothing to change for queue support/, /lineup queue set --help/] },
  { args: ['queue', 'set', 'nosuch', '--max-wait-time', '5'], exit: 2, says: [/queue nosuch does not exist/, /lineup queue list/] },
  { args: ['queue', 'show', 'nosuch'], exit: 2, says: [/queue nosuch does not exist/] },
  { args: ['queue', 'delete', 'nosuch'], exit: 2, says: [/queue nosuch does not exist/] },
  // agent add / set / show / delete
  { args: ['agent', 'add', '3000'], exit: 2, says: [/agent 3000 needs a contact/, /--contact DIALSTRING/] },
  { args: ['agent', 'add', '3000', '--contact', 'user/3000', '--type', 'robot'], exit: 2, says: [/--type/, /"robot"/, /static, dynamic/] },
  { args: ['agent', 'add', '3000', '--contact', 'user/3000', '--wrap-up-time', 'x'], exit: 2, says: [/--wrap-up-time/, /"x"/, /"default" for the queue's value/] },
  { args: ['agent', 'add', '3000', '--contact', 'user/3000', '--no-answer-delay-time', '-5'], exit: 2, says: [/--no-answer-delay-time/, /"-5"/, WHOLE] },
  { args: ['agent', 'add', '3000', '--contact', ''], exit: 2, says: [/--contact/, /""/, /non-empty text/] },
  { args: ['agent', 'add', '-x', '--contact', 'user/x'], exit: 2, says: [/unknown option '-x'/] },
  // contacts FreeSWITCH could never dial: refused now rather than never ringing
  { args: ['agent', 'add', '3000', '--contact', 'user/3000,user/3001'], exit: 2, says: [/agent 3000: field contact is "user\/3000,user\/3001"/, /can never dial/, /several endpoints/, /one agent per phone/] },
  { args: ['agent', 'add', '3000', '--contact', 'user/3000|user/3001'], exit: 2, says: [/agent 3000/, /several endpoints/] },
  { args: ['agent', 'add', '3000', '--contact', '[leg_timeout=10]user/3000:_:user/3001'], exit: 2, says: [/agent 3000/, /":_:"/] },
  { args: ['agent', 'add', '3000', '--contact', '[leg_timeout=10 user/3000'], exit: 2, says: [/agent 3000/, /whitespace/] },
  { args: ['agent', 'add', '3000', '--contact', "[x='y']user/3000"], exit: 2, says: [/agent 3000/, /quote/] },
  { args: ['agent', 'add', '3000', '--contact', '{origination_uuid=x}user/3000'], exit: 2, says: [/agent 3000/, /origination_uuid, which Lineup sets itself/] },
  { args: ['agent', 'add', '3000', '--contact', '3000'], exit: 2, says: [/agent 3000/, /not an endpoint/, /user\/1000/] },
  { args: ['agent', 'set', '1000', '--contact', 'user/1000,user/1001'], exit: 2, says: [/agent 1000: field contact/, /several endpoints/] },
  { args: ['agent', 'add', 'a/b', '--contact', 'user/x'], exit: 2, says: [/agent id/, /"a\/b"/, /letters, digits/] },
  { args: ['agent', 'add', '1000', '--contact', 'user/1000'], exit: 2, says: [/agent 1000 already exists/, /lineup agent set/] },
  { args: ['agent', 'set', '1000', '--max-no-answer', 'three'], exit: 2, says: [/--max-no-answer/, /"three"/, WHOLE] },
  { args: ['agent', 'set', 'nosuch', '--max-no-answer', '3'], exit: 2, says: [/agent nosuch does not exist/] },
  { args: ['agent', 'show', 'nosuch'], exit: 2, says: [/agent nosuch does not exist/] },
  { args: ['agent', 'delete', 'nosuch'], exit: 2, says: [/agent nosuch does not exist/] },
  // tier
  { args: ['tier', 'add', 'nosuch', '1000'], exit: 2, says: [/queue nosuch does not exist/] },
  { args: ['tier', 'add', 'support', 'nosuch'], exit: 2, says: [/agent nosuch does not exist/] },
  { args: ['tier', 'add', 'support', '2000', '--level', '-1'], exit: 2, says: [/--level/, /"-1"/, WHOLE] },
  { args: ['tier', 'add', 'support', '2000', '--position', 'first'], exit: 2, says: [/--position/, /"first"/, WHOLE] },
  { args: ['tier', 'add', 'support', '1000'], exit: 2, says: [/tier support\/1000 already exists/, /lineup tier set/] },
  { args: ['tier', 'add', 'support'], exit: 2, says: [/missing required argument 'agent'/] },
  { args: ['tier', 'set', 'support', '2000', '--level', '2'], exit: 2, says: [/tier support\/2000 does not exist/] },
  { args: ['tier', 'set', 'support', '1000', '--level', 'low'], exit: 2, says: [/--level/, /"low"/, WHOLE] },
  { args: ['tier', 'delete', 'support', '2000'], exit: 2, says: [/tier support\/2000 does not exist/] },
  // live agent commands, no controller running
  { args: ['agent', 'login', 'nosuch'], exit: 2, says: [/agent nosuch does not exist/] },
  { args: ['agent', 'login', '1000', '--queue', 'nosuch'], exit: 2, says: [/queue nosuch does not exist/] },
  { args: ['agent', 'logout', '2000'], exit: 2, says: [/agent 2000 is static/, /always logged in/] },
  { args: ['agent', 'pause', '1000', '--reason', 'nap'], env: { LINEUP_PAUSE_REASONS: 'lunch,meeting' }, exit: 2, says: [/reason/, /"nap"/, /lunch, meeting/] },
  { args: ['agent', 'pause', '1000'], env: { LINEUP_PAUSE_REASONS: 'lunch,meeting' }, exit: 2, says: [/no reason for reason/, /lunch, meeting/] },
  { args: ['agent', 'pause', '1000', '--reason', ''], exit: 2, says: [/reason/, /""/, /non-empty text/] },
  { args: ['agent', 'status', 'nosuch'], exit: 2, says: [/agent nosuch does not exist/] },
  // status
  { args: ['status', '--queue', 'nosuch'], exit: 2, says: [/--queue/, /"nosuch"/, /no such queue/] },
  { args: ['status', '--interval', '0'], exit: 2, says: [/--interval/, /"0"/, /from 1/] },
  // import
  { args: ['import', 'mod_callcenter', '/nonexistent/callcenter.conf.xml'], exit: 1, says: [/cannot read \/nonexistent\/callcenter.conf.xml/] },
  { args: ['import', 'mod_callcenter', 'BAD_XML'], exit: 2, says: [/nothing was written/, /queue sales: invalid value "soon" for param max-wait-time/, WHOLE] },
  { args: ['import', 'mod_callcenter', 'ORPHAN_XML'], exit: 2, says: [/agent ghost does not exist/] },
  { args: ['import', 'mod_callcenter', 'SPLIT_CONTACT_XML'], exit: 2, says: [/nothing was written/, /agent 1500@default: field contact is "user\/1500,user\/1501"/, /several endpoints/] },
];

const BAD_XML = `<configuration><queues><queue name="sales"><param name="max-wait-time" value="soon"/></queue></queues></configuration>`;
// Valid on its own; fails when written (the tier's agent exists nowhere): the queue must not stay.
const ORPHAN_XML = `<configuration><queues><queue name="orphans"/></queues><tiers><tier queue="orphans" agent="ghost"/></tiers></configuration>`;

// A contact that rings two phones: Lineup rings one endpoint per agent, so the file is refused.
const SPLIT_CONTACT_XML = `<configuration><agents><agent name="1500@default" type="callback" contact="user/1500,user/1501"/></agents></configuration>`;

/** Everything a command could change, as text. */
async function dump(t: TestDatabase): Promise<string> {
  const tables = ['queues', 'agents', 'tiers', 'agent_live', 'config_version'];
  const parts = [];
  for (const table of tables) {
    const rows = await sql`select * from ${sql.table(table)} order by 1, 2`.execute(t.database.db);
    parts.push(`${table}: ${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n');
}

for (const backend of testBackends()) {
  describe(`bad input leaves the database unchanged (${backend.name})`, () => {
    let t: TestDatabase;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let before_: string;

    before(async () => {
      t = await openTestDatabase(backend);
      dir = await mkdtemp(join(tmpdir(), 'lineup-cli-'));
      await writeFile(join(dir, 'bad.xml'), BAD_XML);
      await writeFile(join(dir, 'orphan.xml'), ORPHAN_XML);
      await writeFile(join(dir, 'split-contact.xml'), SPLIT_CONTACT_XML);
      env = { DATABASE_URL: t.server.url(), LINEUP_DATA_DIR: join(dir, 'data') };
      const editor = openConfigEditor(t.database);
      assert.equal((await editor.queues.add('support', { strategy: 'ring-all' })).ok, true);
      assert.equal((await editor.agents.add('1000', { contact: 'user/1000@default' })).ok, true);
      assert.equal((await editor.agents.add('2000', { contact: 'user/2000@default', type: 'static' })).ok, true);
      assert.equal((await editor.tiers.add({ queue: 'support', agentId: '1000' }, {})).ok, true);
      before_ = await dump(t);
    });
    after(async () => {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    });

    for (const c of CASES) {
      test(`lineup ${c.args.join(' ')} -> exit ${c.exit}`, async () => {
        const files: Readonly<Record<string, string>> = { BAD_XML: 'bad.xml', ORPHAN_XML: 'orphan.xml', SPLIT_CONTACT_XML: 'split-contact.xml' };
        const args = c.args.map((arg) => (files[arg] === undefined ? arg : join(dir, files[arg])));
        const run = await runCli(args, { ...env, ...c.env });
        assert.equal(run.code, c.exit, `stderr: ${run.stderr}`);
        for (const pattern of c.says) assert.match(run.stderr, pattern);
        assert.equal(run.stdout, '');
        assert.equal(await dump(t), before_);
      });
    }

    test('runtime failures exit 1 and say how to fix them', async () => {
      const unreachable = await runCli(['queue', 'list'], { ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      assert.equal(unreachable.code, 1);
      assert.match(unreachable.stderr, /cannot connect to Postgres at postgres:\/\/127\.0\.0\.1:1\/none.*check that the server runs/);
      // A controller that is registered (live pid) but does not answer.
      const dataDir = join(dir, 'dead-controller');
      await writeRuntimeFile(dataDir, { pid: process.pid, databaseUrl: t.server.url(), apiUrl: 'http://127.0.0.1:1', apiToken: 'x' });
      const dead = await runCli(['agent', 'login', '1000'], { ...env, LINEUP_DATA_DIR: dataDir });
      assert.equal(dead.code, 1);
      assert.match(dead.stderr, /cannot reach the controller at http:\/\/127\.0\.0\.1:1.*is `lineup serve` running\?/);
      assert.equal(await dump(t), before_);
    });
  });
}
