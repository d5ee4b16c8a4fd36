import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { capturesDir } from '../support/paths.js';

/** Every file holding raw bytes FreeSWITCH sent: `*.txt` except our side, the annotated copies and notes. */
export function freeswitchCaptureFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/^(inbound|outbound)-.*\.txt$/.test(name) && !/\.(sent|annotated)\.txt$/.test(name)) files.push(path);
    }
  };
  walk(capturesDir);
  return files;
}
