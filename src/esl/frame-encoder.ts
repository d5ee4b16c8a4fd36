/** Thrown for a header name/value or command line that would break framing (contains CR/LF). A programming error. */
export class EslEncodeError extends Error {
  override readonly name = 'EslEncodeError';
}

function checkLine(what: string, text: string): string {
  if (/[\r\n]/.test(text)) throw new EslEncodeError(`${what} ${JSON.stringify(text)} contains a line break; send it as a body instead.`);
  return text;
}

/** `lines` (a command line and/or `Name: value` headers) + blank line + optional body, as bytes. */
export function encodeFrame(lines: readonly string[], body?: string): Buffer {
  const head = lines.map((line) => `${checkLine('ESL line', line)}\n`).join('');
  return Buffer.from(`${head}\n${body ?? ''}`, 'utf8');
}

export function headerLine(name: string, value: string): string {
  return `${checkLine('header name', name)}: ${checkLine(`header ${name} value`, value)}`;
}

export function byteLength(text: string): string {
  return String(Buffer.byteLength(text, 'utf8'));
}
