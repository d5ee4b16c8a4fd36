import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** `<repo>/../shared`: reference notes and FreeSWITCH captures shared by the project. */
export const sharedDir = join(repoRoot, '..', 'shared');

export const capturesDir = join(sharedDir, 'freeswitch-captures');

export const scenariosDir = join(capturesDir, 'scenarios');
