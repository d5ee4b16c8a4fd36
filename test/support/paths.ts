import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above this file holding package.json: the repo root both from test/ (tsx) and dist/test/. */
function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}: cannot locate the repo root.`);
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

/**
 * The project's shared folder (reference notes, FreeSWITCH captures): LINEUP_SHARED_DIR if set, else `<repo>/../shared`,
 * else, in a clone made elsewhere (CI clones into a temporary folder), the one beside the repository it was cloned from.
 */
function findSharedDir(): string {
  const override = process.env['LINEUP_SHARED_DIR'];
  if (override !== undefined && override !== '') return override;
  const beside = join(repoRoot, '..', 'shared');
  if (existsSync(beside)) return beside;
  const origin = spawnSync('git', ['config', '--get', 'remote.origin.url'], { cwd: repoRoot, encoding: 'utf8' }).stdout?.trim() ?? '';
  const originPath = origin.startsWith('file://') ? fileURLToPath(origin) : origin;
  const besideOrigin = isAbsolute(originPath) ? join(dirname(originPath), 'shared') : undefined;
  // Not found anywhere: the tests that read it fail naming the path they tried.
  return besideOrigin !== undefined && existsSync(besideOrigin) ? besideOrigin : beside;
}

export const sharedDir = findSharedDir();

export const capturesDir = join(sharedDir, 'freeswitch-captures');

export const scenariosDir = join(capturesDir, 'scenarios');
