/** An API command line for `bgapi`, or why it could not be built (bad input is reported, never sent). */
export type BuiltCommand = { readonly ok: true; readonly command: string } | { readonly ok: false; readonly message: string };

const UUID = /^[0-9a-fA-F-]{8,64}$/;

export function commandError(message: string): BuiltCommand {
  return { ok: false, message };
}

/** undefined when `value` is usable as a channel uuid argument, else the error. */
export function checkUuid(what: string, value: string): BuiltCommand | undefined {
  return UUID.test(value) ? undefined : commandError(`${what} ${JSON.stringify(value)} is not a channel UUID (hex digits and dashes).`);
}
