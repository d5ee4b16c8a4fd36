// CLI failures as values with their exit code: 2 for bad usage or an invalid value, 1 for a
// runtime failure (database unreachable, controller not answering).
export type CliFailureKind = 'usage' | 'runtime';

export class CliFailure extends Error {
  constructor(
    readonly kind: CliFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'CliFailure';
  }

  get exitCode(): number {
    return this.kind === 'usage' ? 2 : 1;
  }
}

/** Bad usage or an invalid value: say what, where, and what is allowed. */
export function usageError(message: string): CliFailure {
  return new CliFailure('usage', message);
}

export function runtimeError(message: string): CliFailure {
  return new CliFailure('runtime', message);
}
