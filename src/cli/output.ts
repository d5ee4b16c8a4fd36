// How CLI commands print: JSON for scripts, aligned text tables (src/cli/format.ts) for people.
import { formatTableText } from './format.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  process.stdout.write(`${formatTableText(headers, rows)}\n`);
}
