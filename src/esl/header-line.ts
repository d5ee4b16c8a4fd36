/** Splits `Name: value` at the FIRST `": "` (values may contain it, e.g. `Reply-Text: -ERR foo: bar`). */
export function splitHeaderLine(line: string): readonly [string, string] | undefined {
  const colon = line.indexOf(': ');
  if (colon > 0) return [line.slice(0, colon), line.slice(colon + 2)];
  // `Name:` with nothing after it is an empty value.
  return line.endsWith(':') && line.length > 1 ? [line.slice(0, -1), ''] : undefined;
}
