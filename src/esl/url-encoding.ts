/**
 * FreeSWITCH's percent-encoding of serialized event values (switch_url_encode, switch_utils.c).
 * Encoded: bytes < 0x20 and > 0x7E plus the characters below. `%` followed by two hex digits is left as is
 * (FreeSWITCH never double-encodes), so decoding such a value is lossy by design.
 */
const RESERVED = new Set(Array.from('\r\n #%&+:;<=>?@[\\]^`{|}"', (c) => c.charCodeAt(0)));

const HEX = '0123456789ABCDEF';

function isHexDigit(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));
}

export function urlEncode(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    const alreadyEscaped = byte === 0x25 && isHexDigit(bytes[i + 1]) && isHexDigit(bytes[i + 2]);
    if (!alreadyEscaped && (byte < 0x20 || byte > 0x7e || RESERVED.has(byte))) {
      out += `%${HEX[byte >> 4]}${HEX[byte & 0x0f]}`;
    } else {
      out += String.fromCharCode(byte);
    }
  }
  return out;
}

/** Percent-decoding (not form decoding: `+` stays `+`). Malformed sequences or invalid UTF-8 → the raw value. */
export function urlDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
