// Regression test for our patch of @electric-sql/pglite-socket (patches/): its server interleaved
// the extended-protocol messages (Parse, Bind, Execute, Sync) of concurrent connections, so one
// client's Bind could meet another's Parse: "unnamed prepared statement does not exist" or a wrong
// row. The CLI and a running controller share the embedded database through that socket.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import postgres from 'postgres';
import { testBackends } from '../support/databases.js';

test('two clients running parameterized queries through the embedded socket each get their own answers', async () => {
  const [pglite] = testBackends({});
  assert.ok(pglite !== undefined);
  const server = await pglite.start();
  // Unnamed statements of different shapes, as the CLI's and the controller's queries are.
  const clients = [0, 1].map(() => postgres(server.url(), { max: 1, prepare: false, onnotice: () => {} }));
  try {
    const runs = clients.map(async (client, id): Promise<string[]> => {
      const problems: string[] = [];
      for (let i = 0; i < 300; i += 1) {
        try {
          const rows =
            id === 0
              ? await client`select ${i}::int as i, ${'first'}::text as who`
              : await client`select ${'second'}::text as who, ${i}::int as i, ${i * 2}::int as twice, ${true}::bool as flag`;
          const row = rows[0];
          if (row?.['i'] !== i || row['who'] !== (id === 0 ? 'first' : 'second')) problems.push(`client ${id} query ${i}: wrong row`);
        } catch (error) {
          problems.push(`client ${id} query ${i}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return problems;
    });
    assert.deepEqual((await Promise.all(runs)).flat().slice(0, 3), []);
  } finally {
    await Promise.all(clients.map((client) => client.end({ timeout: 1 })));
    await server.stop();
  }
});
