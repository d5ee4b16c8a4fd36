// `lineup agent add|set|show|list|delete` (agents in Postgres) and the live operations
// `agent login|logout|pause|resume|status`, sent to the running controller's API; with no
// controller running, the status is saved for the next `lineup serve` to restore.
import type { Command } from 'commander';
import type { AgentActionRequest } from '../../api/agent-actions.js';
import type { AgentConfig, AgentSnapshot } from '../../engine/index.js';
import { AGENT_FIELDS, type AgentFields } from '../config-fields.js';
import { registerConfigCommands } from '../config-commands.js';
import { applyAgentAction, readAgentStatus, type LiveFlags } from '../agent-live.js';
import { showValue } from '../field-parsers.js';
import { withExamples } from '../examples.js';
import { printJson, printTable } from '../output.js';

function addLiveOptions(command: Command): Command {
  return command
    .option('--api-url <url>', 'the controller API (default: from controller.json, or LINEUP_API_URL)')
    .option('--api-token <token>', 'the API token (default: from controller.json, or LINEUP_API_TOKEN)')
    .option('--json', 'print the agent as JSON');
}

function printAgent(agent: AgentSnapshot, live: boolean, json: boolean): void {
  if (json) {
    printJson({ ...agent, live });
    return;
  }
  printTable(
    ['agent', 'type', 'status', 'reason', 'status since', 'state', 'source'],
    [[agent.id, agent.type, agent.status, showValue(agent.pauseReason), new Date(agent.statusSince).toISOString(), agent.state, live ? 'controller' : 'saved (no controller running)']],
  );
}

function registerLive(group: Command, verb: string, description: string, examples: readonly string[], request: (opts: LiveFlags & Record<string, unknown>) => AgentActionRequest, configure: (command: Command) => Command = (c) => c): void {
  withExamples(configure(addLiveOptions(group.command(verb).argument('<id>').description(description))), examples)
    .action(async (id: string, opts: LiveFlags & Record<string, unknown>) => {
      const result = await applyAgentAction(id, request(opts), opts);
      if (opts.json !== true && !result.live) process.stdout.write(`no controller running: saved; \`lineup serve\` applies it when it starts\n`);
      printAgent(result.agent, result.live, opts.json === true);
    });
}

export function register(program: Command): void {
  const group = program.command('agent').description('add, change, list and delete agents; log them in and out, pause and resume them');
  registerConfigCommands<AgentConfig, AgentFields, string>(group, {
    noun: 'agent',
    keyArgs: ['ID'],
    key: ([id]) => id ?? '',
    describe: (id) => id,
    table: AGENT_FIELDS,
    collection: (editor) => editor.agents,
    keyFields: (agent) => [['id', agent.id]],
    listColumns: [
      { header: 'id', value: (a) => a.id },
      { header: 'name', value: (a) => a.name },
      { header: 'type', value: (a) => a.type },
      { header: 'contact', value: (a) => a.contact },
      { header: 'max-no-answer', value: (a) => a.maxNoAnswer },
      { header: 'wrap-up-time', value: (a) => (a.wrapUpSeconds === null ? 'default' : a.wrapUpSeconds) },
    ],
    verbs: ['add', 'set', 'show', 'list', 'delete'],
    examples: {
      add: [
        'lineup agent add 1000 --contact user/1000   # dynamic: rings once logged in (*41 or lineup agent login 1000)',
        'lineup agent add 1001 --contact "[leg_timeout=10]user/1001" --type static --wrap-up-time 10',
        'lineup agent add a1 --contact sofia/internal/a1@127.0.0.1:5090 --type static   # a SIP address, registered or not (e.g. a sipp UAS)',
      ],
      set: ['lineup agent set 1000 --max-no-answer 3 --no-answer-delay-time 30', 'lineup agent set 1000 --wrap-up-time default'],
      show: ['lineup agent show 1000 --json'],
      list: ['lineup agent list', 'lineup agent list --json'],
      delete: ['lineup agent delete 1000   # also deletes its tiers'],
    },
  });
  registerLive(
    group,
    'login',
    'log an agent in (Available), optionally joining a queue',
    ['lineup agent login 1000', 'lineup agent login 1000 --queue support   # adds a tier if missing', 'lineup agent login 1000 --on-demand'],
    (opts) => ({
      action: 'login',
      ...(typeof opts['queue'] === 'string' ? { queue: opts['queue'] } : {}),
      ...(opts['onDemand'] === true ? { onDemand: true } : {}),
    }),
    (command) => command.option('--queue <name>', 'also join this queue (adds a tier at level 1, position 1 when missing)').option('--on-demand', 'Available (On Demand): idle after each call until `resume`'),
  );
  registerLive(group, 'logout', 'log an agent out (static agents cannot log out)', ['lineup agent logout 1000'], () => ({ action: 'logout' }));
  registerLive(
    group,
    'pause',
    'put an agent on break, with a reason',
    ['lineup agent pause 1000 --reason lunch'],
    (opts) => ({ action: 'pause', ...(typeof opts['reason'] === 'string' ? { reason: opts['reason'] } : {}) }),
    (command) => command.option('--reason <text>', 'why (free text, or one of LINEUP_PAUSE_REASONS when configured)'),
  );
  registerLive(group, 'resume', 'end a break (the agent becomes Available)', ['lineup agent resume 1000'], () => ({ action: 'resume' }));
  withExamples(addLiveOptions(group.command('status').argument('<id>').description("an agent's status and state")), [
    'lineup agent status 1000',
    'lineup agent status 1000 --json',
  ])
    .action(async (id: string, opts: LiveFlags) => {
      const result = await readAgentStatus(id, opts);
      printAgent(result.agent, result.live, opts.json === true);
    });
}
