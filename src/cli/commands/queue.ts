// `lineup queue add|set|show|list|delete`: queues in Postgres, every QueueConfig field a flag.
import type { Command } from 'commander';
import type { QueueConfig } from '../../engine/index.js';
import { QUEUE_FIELDS, type QueueFields } from '../config-fields.js';
import { registerConfigCommands } from '../config-commands.js';

export function register(program: Command): void {
  const group = program.command('queue').description('add, change, show, list and delete queues');
  registerConfigCommands<QueueConfig, QueueFields, string>(group, {
    noun: 'queue',
    keyArgs: ['NAME'],
    key: ([name]) => name ?? '',
    describe: (name) => name,
    table: QUEUE_FIELDS,
    collection: (editor) => editor.queues,
    keyFields: (queue) => [['name', queue.name]],
    listColumns: [
      { header: 'name', value: (q) => q.name },
      { header: 'extension', value: (q) => q.extension },
      { header: 'strategy', value: (q) => q.strategy },
      { header: 'priority', value: (q) => q.priority },
      { header: 'max-wait-time', value: (q) => q.maxWaitSeconds },
      { header: 'max-ring-time', value: (q) => q.maxRingSeconds },
      { header: 'wrap-up-time', value: (q) => q.wrapUpSeconds },
      { header: 'moh-sound', value: (q) => q.mohSound },
    ],
    verbs: ['add', 'set', 'show', 'list', 'delete'],
    examples: {
      add: [
        'lineup queue add support --strategy longest-idle-agent --extension 5000',
        'lineup queue add sales --strategy ring-all --max-wait-time 300 --timeout-destination "voicemail XML default"',
        'lineup queue add vip --strategy top-down --exit-keys 1=voicemail,0=operator --json',
      ],
      set: ['lineup queue set support --max-wait-time 120 --tier-rules-apply true', 'lineup queue set support --extension ""'],
      show: ['lineup queue show support', 'lineup queue show support --json'],
      list: ['lineup queue list', 'lineup queue list --json'],
      delete: ['lineup queue delete sales'],
    },
  });
}
