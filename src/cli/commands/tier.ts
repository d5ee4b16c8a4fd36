// `lineup tier add|set|delete|list`: which agents serve which queue, at which level and position.
import type { Command } from 'commander';
import type { TierKey } from '../../api/config-editor.js';
import type { TierConfig } from '../../engine/index.js';
import { TIER_FIELDS, type TierFields } from '../config-fields.js';
import { registerConfigCommands } from '../config-commands.js';

export function register(program: Command): void {
  const group = program.command('tier').description('add, change, list and delete tiers (agent membership of a queue)');
  registerConfigCommands<TierConfig, TierFields, TierKey>(group, {
    noun: 'tier',
    keyArgs: ['QUEUE', 'AGENT'],
    key: ([queue, agentId]) => ({ queue: queue ?? '', agentId: agentId ?? '' }),
    describe: (key) => `${key.queue}/${key.agentId}`,
    table: TIER_FIELDS,
    collection: (editor) => editor.tiers,
    keyFields: (tier) => [
      ['queue', tier.queue],
      ['agent', tier.agentId],
    ],
    listColumns: [
      { header: 'queue', value: (t) => t.queue },
      { header: 'agent', value: (t) => t.agentId },
      { header: 'level', value: (t) => t.level },
      { header: 'position', value: (t) => t.position },
    ],
    verbs: ['add', 'set', 'list', 'delete'],
    examples: {
      add: ['lineup tier add support 1000 --level 1 --position 1', 'lineup tier add support 1001 --level 2 --position 1'],
      set: ['lineup tier set support 1001 --level 1'],
      list: ['lineup tier list', 'lineup tier list --queue support --json'],
      delete: ['lineup tier delete support 1001'],
    },
    listFilter: {
      add: (command) =>
        command.option('--queue <name>', 'only the tiers of this queue').option('--agent <id>', 'only the tiers of this agent'),
      filter: (tiers, opts) =>
        tiers.filter(
          (tier) =>
            (opts['queue'] === undefined || tier.queue === opts['queue']) &&
            (opts['agent'] === undefined || tier.agentId === opts['agent']),
        ),
    },
  });
}
