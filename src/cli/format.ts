// Rows to text: an aligned table for people, CSV (RFC 4180) and JSON for programs. Values are
// rendered the same way in table and CSV: dates as ISO 8601, objects as JSON, null as empty.
export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type Row = Readonly<Record<string, unknown>>;

export function formatRows(rows: readonly Row[], format: OutputFormat, columns: readonly string[] = columnsOf(rows)): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows, null, 2)}\n`;
    case 'csv':
      return [columns, ...rows.map((row) => columns.map((c) => renderValue(row[c])))]
        .map((fields) => `${fields.map(csvField).join(',')}\r\n`)
        .join('');
    case 'table':
      return formatTable(columns, rows);
  }
}

function columnsOf(rows: readonly Row[]): string[] {
  return rows[0] === undefined ? [] : Object.keys(rows[0]);
}

export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** RFC 4180: a field with a comma, a double quote, CR or LF is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function formatTable(columns: readonly string[], rows: readonly Row[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const cells = rows.map((row) => columns.map((c) => renderValue(row[c]).replace(/[\r\n]+/g, ' ')));
  return `${formatTableText(columns, cells, { rule: true })}\n`;
}

/** Columns aligned on two spaces; `rule` draws a dashed line under the headers. */
export function formatTableText(headers: readonly string[], rows: readonly (readonly string[])[], options: { rule?: boolean } = {}): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const rule = options.rule === true ? [line(widths.map((width) => '-'.repeat(width)))] : [];
  return [line(headers), ...rule, ...rows.map(line)].join('\n');
}
