// The `lineup` command tree. Each subcommand lives in src/cli/commands/<name>.ts and exports
// `register(program)`; this file only assembles them.
import { Command } from 'commander';
import { register as registerSimulate } from './commands/simulate.js';
import { register as registerErlang } from './commands/erlang.js';
import { register as registerQueue } from './commands/queue.js';
import { register as registerAgent } from './commands/agent.js';
import { register as registerTier } from './commands/tier.js';
import { register as registerStatus } from './commands/status.js';
import { register as registerImport } from './commands/import.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerMigrate } from './commands/migrate.js';
import { register as registerReport } from './commands/report.js';

export function buildProgram(): Command {
  const program = new Command('lineup')
    .description('Call queues for FreeSWITCH')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerSimulate(program);
  registerErlang(program);
  registerQueue(program);
  registerAgent(program);
  registerTier(program);
  registerStatus(program);
  registerImport(program);
  registerServe(program);
  registerMigrate(program);
  registerReport(program);
  return program;
}
