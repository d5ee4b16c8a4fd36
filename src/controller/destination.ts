// A queue exit destination as operators write it: "EXTENSION [XML] [CONTEXT]", e.g. "voicemail",
// "1000 XML default" or "5555 public" (mod_dptools transfer syntax, XML dialplan only).
export interface Destination {
  readonly extension: string;
  readonly context: string;
}

const DEFAULT_CONTEXT = 'default';

export function parseDestination(text: string): Destination | null {
  const words = text.trim().split(/\s+/).filter((word) => word !== '');
  const [extension, ...rest] = words;
  if (extension === undefined) return null;
  const afterDialplan = rest[0]?.toUpperCase() === 'XML' ? rest.slice(1) : rest;
  if (afterDialplan.length > 1) return null;
  return { extension, context: afterDialplan[0] ?? DEFAULT_CONTEXT };
}
