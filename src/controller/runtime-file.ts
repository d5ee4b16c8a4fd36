// `<dataDir>/controller.json`: how other lineup processes reach a running controller. With the
// embedded database the controller owns PGlite, so CLI commands connect through its socket
// (databaseUrl) instead of opening the data directory a second time.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ControllerRuntime {
  readonly pid: number;
  readonly databaseUrl: string;
  readonly apiUrl: string;
  readonly apiToken: string;
}

const FILE_NAME = 'controller.json';

export function runtimeFilePath(dataDir: string): string {
  return join(dataDir, FILE_NAME);
}

export async function writeRuntimeFile(dataDir: string, runtime: ControllerRuntime): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const path = runtimeFilePath(dataDir);
  // Written aside then renamed, so a reader never sees half a file. Mode 600: it holds the API token.
  await writeFile(`${path}.tmp`, `${JSON.stringify(runtime, null, 2)}\n`, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}

export async function removeRuntimeFile(dataDir: string): Promise<void> {
  await rm(runtimeFilePath(dataDir), { force: true });
}

/** The running controller's address, or null when none runs (no file, unreadable, or its pid is gone). */
export async function readRuntimeFile(dataDir: string): Promise<ControllerRuntime | null> {
  let text: string;
  try {
    text = await readFile(runtimeFilePath(dataDir), 'utf8');
  } catch {
    return null;
  }
  const runtime = parseRuntime(text);
  if (runtime === null || !processIsAlive(runtime.pid)) return null;
  return runtime;
}

function parseRuntime(text: string): ControllerRuntime | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const { pid, databaseUrl, apiUrl, apiToken } = record;
  if (typeof pid !== 'number' || typeof databaseUrl !== 'string') return null;
  if (typeof apiUrl !== 'string' || typeof apiToken !== 'string') return null;
  return { pid, databaseUrl, apiUrl, apiToken };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
