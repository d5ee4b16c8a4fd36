// `lineup status [--watch]`: per queue, the callers waiting with their wait, the logged-in agents
// with state and time in state, and today's offered / answered / abandoned and service level.
// From the running controller's API; with none running, from the state it saved.
import type { Command } from 'commander';
import { createApiClient } from '../../api/client.js';
import { savedSnapshot } from '../../api/persisted-state.js';
import type { QueueStatus, StatusReport } from '../../api/status-report.js';
import { unwrap } from '../api-failure.js';
import { collectStatus } from '../../api/collect-status.js';
import { databaseApiStore } from '../../api/config-store.js';
import { resolveTarget, withDatabase, type CliTarget } from '../connect.js';
import { usageError } from '../errors.js';
import { integer } from '../field-parsers.js';
import { withExamples } from '../examples.js';
import { formatTableText } from '../format.js';
import { printJson } from '../output.js';

interface StatusFlags {
  readonly queue?: string;
  readonly watch?: boolean;
  readonly interval: string;
  readonly slThreshold: string;
  readonly apiUrl?: string;
  readonly apiToken?: string;
  readonly json?: boolean;
}

async function savedStatus(target: CliTarget, serviceLevelSeconds: number): Promise<StatusReport> {
  return withDatabase(target, async (database) => {
    const store = databaseApiStore(database);
    const now = Date.now();
    const snapshot = unwrap(await savedSnapshot(database.db, unwrap(await store.config.agents.list()), now));
    return unwrap(await collectStatus(store, snapshot, { now, serviceLevelSeconds, live: false }));
  });
}

async function fetchStatus(flags: StatusFlags, serviceLevelSeconds: number): Promise<StatusReport> {
  const target = await resolveTarget(flags);
  if (target.controller === null) return savedStatus(target, serviceLevelSeconds);
  return unwrap(await createApiClient({ url: target.controller.apiUrl }).status());
}

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}:${String(s).padStart(2, '0')}`;
}

function queueText(queue: QueueStatus, serviceLevelSeconds: number): string {
  const today = queue.today;
  const sl = today.serviceLevelPct === null ? '-' : `${today.serviceLevelPct}%`;
  const lines = [
    `queue ${queue.name}: ${queue.callers.length} callers, ${queue.agents.length} agents logged in; today offered ${today.offered}, answered ${today.answered}, abandoned ${today.abandoned}, service level ${sl} (within ${serviceLevelSeconds} s)`,
  ];
  if (queue.callers.length > 0) {
    lines.push(
      formatTableText(
        ['pos', 'caller', 'name', 'state', 'wait', 'agent'],
        queue.callers.map((c) => [c.position === null ? '-' : String(c.position), c.callerIdNumber, c.callerIdName, c.state, duration(c.waitSeconds), c.agentId ?? '-']),
      ),
    );
  }
  if (queue.agents.length > 0) {
    lines.push(
      formatTableText(
        ['agent', 'status', 'reason', 'state', 'in state', 'level', 'position'],
        queue.agents.map((a) => [a.id, a.status, a.pauseReason ?? '-', a.state, duration(a.secondsInState), String(a.level), String(a.position)]),
      ),
    );
  }
  return lines.join('\n');
}

export function statusText(report: StatusReport): string {
  const source = report.live ? 'live from the controller' : 'saved state: no controller running';
  const queues = report.queues.map((queue) => queueText(queue, report.serviceLevelSeconds));
  return [`${report.at} (${source})`, ...(queues.length > 0 ? queues : ['no queues: add one with `lineup queue add NAME`'])].join('\n\n');
}

function selectQueue(report: StatusReport, queue: string | undefined): StatusReport {
  if (queue === undefined) return report;
  const queues = report.queues.filter((item) => item.name === queue);
  if (queues.length === 0) throw usageError(`invalid value ${JSON.stringify(queue)} for --queue: no such queue (see \`lineup queue list\`)`);
  return { ...report, queues };
}

function positive(flag: string, value: string, min: number): number {
  const parsed = integer(min)(value);
  if (!parsed.ok) throw usageError(`invalid value ${JSON.stringify(value)} for ${flag}: allowed ${parsed.allowed}`);
  return parsed.value;
}

export function register(program: Command): void {
  const command = program.command('status');
  withExamples(command, ['lineup status', 'lineup status --queue support --watch', 'lineup status --json']);
  command
    .description('per queue: waiting callers, logged-in agents, and today\'s figures')
    .option('--queue <name>', 'only this queue')
    .option('--watch', 'refresh until interrupted (Ctrl-C)')
    .option('--interval <seconds>', 'refresh period with --watch', '2')
    .option('--sl-threshold <seconds>', 'service-level threshold without a controller', '20')
    .option('--api-url <url>', 'the controller API (default: from controller.json, or LINEUP_API_URL)')
    .option('--api-token <token>', 'the API token (default: from controller.json, or LINEUP_API_TOKEN)')
    .option('--json', 'print the report as JSON (with --watch: one JSON object per line)')
    .action(async (flags: StatusFlags) => {
      const interval = positive('--interval', flags.interval, 1);
      const serviceLevelSeconds = positive('--sl-threshold', flags.slThreshold, 0);
      const show = async (): Promise<void> => {
        const report = selectQueue(await fetchStatus(flags, serviceLevelSeconds), flags.queue);
        // --watch --json: one compact report per line, for a pipe.
        if (flags.json === true && flags.watch === true) process.stdout.write(`${JSON.stringify(report)}\n`);
        else if (flags.json === true) printJson(report);
        else process.stdout.write(`${flags.watch === true ? '\x1b[H\x1b[2J' : ''}${statusText(report)}\n`);
      };
      await show();
      while (flags.watch === true) {
        await new Promise((resolve) => setTimeout(resolve, interval * 1000));
        await show();
      }
    });
}
