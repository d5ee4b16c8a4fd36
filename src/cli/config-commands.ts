// `add | set | show | list | delete` for one kind of configuration record (queue, agent, tier),
// generated from its field table so every engine parameter is a flag. Changes go to Postgres
// through the ConfigEditor, whether or not a controller runs; a running one applies them within
// a second.
import type { Command } from 'commander';
import type { ConfigCollection, ConfigEditor } from '../api/config-editor.js';
import { unwrap } from './api-failure.js';
import { fieldKeys, type FieldTable } from './config-fields.js';
import { openConfigEditor } from '../api/config-store.js';
import { resolveTarget, withDatabase } from './connect.js';
import { addFieldOptions, readFieldOptions } from './field-options.js';
import { showValue } from './field-parsers.js';
import { withExamples } from './examples.js';
import { usageError } from './errors.js';
import { printJson, printTable } from './output.js';

export type ConfigVerb = 'add' | 'set' | 'show' | 'list' | 'delete';

export interface ListColumn<C> {
  readonly header: string;
  readonly value: (record: C) => unknown;
}

export interface ConfigCommandSpec<C, F, K> {
  readonly noun: string;
  /** Positional arguments naming one record, e.g. ['NAME'] or ['QUEUE', 'AGENT']. */
  readonly keyArgs: readonly string[];
  key(args: readonly string[]): K;
  /** The key as shown, e.g. "support" or "support/1000". */
  describe(key: K): string;
  readonly table: FieldTable<F>;
  collection(editor: ConfigEditor): ConfigCollection<C, F, K>;
  /** The key fields of a record, shown first by `show`. */
  keyFields(record: C): readonly [string, unknown][];
  readonly listColumns: readonly ListColumn<C>[];
  readonly verbs: readonly ConfigVerb[];
  /** Usage examples per verb, shown by --help. */
  readonly examples: Partial<Record<ConfigVerb, readonly string[]>>;
  /** Extra options and a filter for `list`, e.g. tier list --queue. */
  listFilter?: { add(command: Command): Command; filter(records: readonly C[], opts: Record<string, unknown>): readonly C[] };
}

interface JsonFlag {
  readonly json?: boolean;
}

async function withCollection<C, F, K, T>(
  spec: ConfigCommandSpec<C, F, K>,
  use: (collection: ConfigCollection<C, F, K>) => Promise<T>,
): Promise<T> {
  const target = await resolveTarget();
  return withDatabase(target, (database) => use(spec.collection(openConfigEditor(database))));
}

function showRecord<C, F, K>(spec: ConfigCommandSpec<C, F, K>, record: C, json: boolean): void {
  if (json) {
    printJson(record);
    return;
  }
  const fields = record as Record<string, unknown>;
  const rows = [
    ...spec.keyFields(record).map(([name, value]) => [name, showValue(value)]),
    ...fieldKeys(spec.table).map((key) => [spec.table[key].flag, showValue(fields[key])]),
  ];
  printTable(['field', 'value'], rows);
}

function keyArgumentList(spec: { keyArgs: readonly string[] }): string {
  return spec.keyArgs.map((arg) => `<${arg.toLowerCase()}>`).join(' ');
}

/** Adds the spec's verbs under `group` (the `lineup queue` command, ...). */
export function registerConfigCommands<C, F, K>(group: Command, spec: ConfigCommandSpec<C, F, K>): void {
  const args = keyArgumentList(spec);
  const aNoun = `${/^[aeiou]/.test(spec.noun) ? 'an' : 'a'} ${spec.noun}`;
  for (const verb of spec.verbs) {
    const command = group.command(verb);
    withExamples(command, spec.examples[verb]);
    switch (verb) {
      case 'add':
      case 'set':
        addFieldOptions(command.arguments(args), spec.table)
          .description(verb === 'add' ? `add ${aNoun} (fields not given take their defaults)` : `change fields of ${aNoun}`)
          .option('--json', 'print the result as JSON')
          .action(async (...params: unknown[]) => {
            const keyArgs = params.slice(0, spec.keyArgs.length) as string[];
            const opts = params[spec.keyArgs.length] as Record<string, unknown> & JsonFlag;
            const fields = readFieldOptions(spec.table, opts);
            const key = spec.key(keyArgs);
            if (verb === 'set' && Object.keys(fields).length === 0) {
              throw usageError(`nothing to change for ${spec.noun} ${spec.describe(key)}: give at least one field flag (see \`lineup ${spec.noun} set --help\`)`);
            }
            const record = unwrap(await withCollection(spec, (c) => (verb === 'add' ? c.add(key, fields) : c.set(key, fields))));
            if (opts.json !== true) process.stdout.write(`${verb === 'add' ? 'added' : 'changed'} ${spec.noun} ${spec.describe(key)}\n`);
            showRecord(spec, record, opts.json === true);
          });
        break;
      case 'show':
        command
          .arguments(args)
          .description(`show every field of ${aNoun}`)
          .option('--json', 'print one JSON object')
          .action(async (...params: unknown[]) => {
            const key = spec.key(params.slice(0, spec.keyArgs.length) as string[]);
            const opts = params[spec.keyArgs.length] as JsonFlag;
            showRecord(spec, unwrap(await withCollection(spec, (c) => c.get(key))), opts.json === true);
          });
        break;
      case 'list':
        (spec.listFilter?.add(command) ?? command)
          .description(`list ${spec.noun}s`)
          .option('--json', 'print a JSON array of every field')
          .action(async (opts: Record<string, unknown> & JsonFlag) => {
            const all = unwrap(await withCollection(spec, (c) => c.list()));
            const records = spec.listFilter?.filter(all, opts) ?? all;
            if (opts.json === true) printJson(records);
            else printTable(spec.listColumns.map((column) => column.header), records.map((record) => spec.listColumns.map((column) => showValue(column.value(record)))));
          });
        break;
      case 'delete':
        command
          .arguments(args)
          .description(`delete ${aNoun}`)
          .option('--json', 'print the deleted record as JSON')
          .action(async (...params: unknown[]) => {
            const key = spec.key(params.slice(0, spec.keyArgs.length) as string[]);
            const opts = params[spec.keyArgs.length] as JsonFlag;
            const record = unwrap(await withCollection(spec, (c) => c.remove(key)));
            if (opts.json === true) printJson(record);
            else process.stdout.write(`deleted ${spec.noun} ${spec.describe(key)}\n`);
          });
        break;
    }
  }
}
