// Runs the real `lineup` binary in a child process: the compiled one when the tests run from
// dist/, else the TypeScript source through tsx.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const compiled = import.meta.url.includes('/dist/test/');
const entry = compiled ? [join(repoRoot, 'dist', 'src', 'cli', 'main.js')] : ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts')];

/** Variables of the parent that would point the CLI elsewhere. */
const OWN_VARIABLES = /^(DATABASE_URL|LINEUP_.*)$/;

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !OWN_VARIABLES.test(key)));
  return new Promise((resolve) => {
    execFile(process.execPath, [...entry, ...args], { cwd: repoRoot, env: { ...base, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}
