// Commander options generated from a field table: one `--flag <value>` per config field, read
// back into a partial config (or a usage error naming the flag, the bad value, what is allowed).
import { Option, type Command } from 'commander';
import { describeFieldError, fieldKeys, parseFields, type FieldTable } from './config-fields.js';
import { usageError } from './errors.js';

function optionFor(flag: string, help: string): Option {
  const option = new Option(`--${flag} <value>`, help);
  // mod_callcenter's --no-answer-delay-time is a value, not the negation of --answer-delay-time.
  option.negate = false;
  return option;
}

/** Adds one option per field, except the ones listed in `skip` (taken as arguments instead). */
export function addFieldOptions<C>(command: Command, table: FieldTable<C>, skip: readonly (keyof C)[] = []): Command {
  for (const key of fieldKeys(table)) {
    if (skip.includes(key)) continue;
    command.addOption(optionFor(table[key].flag, table[key].help));
  }
  return command;
}

/** The fields given on the command line, parsed; throws a usage error on a bad value. */
export function readFieldOptions<C>(table: FieldTable<C>, opts: Readonly<Record<string, unknown>>): Partial<C> {
  const raw: Record<string, unknown> = {};
  for (const key of fieldKeys(table)) {
    raw[key] = opts[optionFor(table[key].flag, '').attributeName()];
  }
  const parsed = parseFields(table, raw);
  if (!parsed.ok) throw usageError(describeFieldError(parsed.error, `--${parsed.error.flag}`));
  return parsed.values;
}
