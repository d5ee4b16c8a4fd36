// Runs the `lineup` binary as a child process, from source under tsx or compiled under dist/,
// whichever this test runs as.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const fromSource = import.meta.url.endsWith('.ts');
const entry = fromSource ? ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts')] : [join(repoRoot, 'dist/src/cli/main.js')];

export function runCli(args: readonly string[]): CliRun {
  const result = spawnSync(process.execPath, [...entry, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
