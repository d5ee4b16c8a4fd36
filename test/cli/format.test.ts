import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, formatRows } from '../../src/cli/format.js';

test('CSV follows RFC 4180: fields with comma, quote, CR or LF are quoted, quotes doubled, CRLF lines', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  const rows = [{ id: 1, at: new Date(Date.UTC(2025, 2, 10, 9, 0, 0, 5)), data: { note: 'x,"y"' }, agent: null }];
  assert.equal(
    formatRows(rows, 'csv'),
    'id,at,data,agent\r\n1,2025-03-10T09:00:00.005Z,"{""note"":""x,\\""y\\""""}",\r\n',
  );
});

test('CSV with no rows still has the header when columns are known', () => {
  assert.equal(formatRows([], 'csv', ['a', 'b']), 'a,b\r\n');
});

test('table aligns columns; JSON round-trips', () => {
  const rows = [{ queue: 'sales', answered: 12 }, { queue: 'support-long', answered: 3 }];
  assert.equal(formatRows(rows, 'table'), 'queue         answered\n------------  --------\nsales         12\nsupport-long  3\n');
  assert.deepEqual(JSON.parse(formatRows(rows, 'json')), rows);
});
