/** Top-level header block of one ESL frame, in wire order. Lookups ignore case (FreeSWITCH matches client headers so). */
export class EslHeaders {
  readonly entries: ReadonlyArray<readonly [string, string]>;

  constructor(entries: ReadonlyArray<readonly [string, string]>) {
    this.entries = entries;
  }

  get(name: string): string | undefined {
    const wanted = name.toLowerCase();
    return this.entries.find(([key]) => key.toLowerCase() === wanted)?.[1];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}
