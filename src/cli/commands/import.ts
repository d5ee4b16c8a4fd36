// `lineup import mod_callcenter FILE`: reads a callcenter.conf.xml (queues, agents, tiers) into
// Lineup in one transaction, and reports every parameter it could not map.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { applyImport, type ImportCounts } from '../../import/apply-import.js';
import { planModCallcenterImport } from '../../import/mod-callcenter.js';
import { unwrap } from '../api-failure.js';
import { resolveTarget, withDatabase } from '../connect.js';
import { runtimeError, usageError } from '../errors.js';
import { printJson } from '../output.js';

interface ImportFlags {
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

function counts(name: string, value: ImportCounts): string {
  return `${name}: ${value.added} added, ${value.replaced} replaced`;
}

export function register(program: Command): void {
  const group = program.command('import').description('read configuration from another system');
  group
    .command('mod_callcenter')
    .argument('<file>', "mod_callcenter's callcenter.conf.xml")
    .description('import the queues, agents and tiers of a FreeSWITCH mod_callcenter configuration (all or nothing)')
    .option('--dry-run', 'check and report, write nothing')
    .option('--json', 'print { plan, notes, summary } as JSON')
    .addHelpText(
      'after',
      `
Names are kept (support@default stays the queue name). Callback agents become dynamic agents;
uuid-standby agents, <settings> and unknown params are reported and not imported. An existing
queue, agent or tier with the same name is replaced. $\${hold_music} becomes local_stream://moh.

Examples:
  $ lineup import mod_callcenter /etc/freeswitch/autoload_configs/callcenter.conf.xml --dry-run
  $ lineup import mod_callcenter callcenter.conf.xml
`,
    )
    .action(async (file: string, flags: ImportFlags) => {
      let xml: string;
      try {
        xml = await readFile(file, 'utf8');
      } catch (error) {
        throw runtimeError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const planned = planModCallcenterImport(xml);
      if (!planned.ok) {
        throw usageError(`${file} cannot be imported (nothing was written):\n  ${planned.errors.join('\n  ')}`);
      }
      const { plan } = planned;
      const summary =
        flags.dryRun === true ? null : unwrap(await withDatabase(await resolveTarget(), (database) => applyImport(database.db, plan, Date.now())));
      if (flags.json === true) {
        printJson({ plan: { queues: plan.queues, agents: plan.agents, tiers: plan.tiers }, notes: plan.notes, summary });
        return;
      }
      const lines = [
        summary === null
          ? `dry run: would import ${plan.queues.length} queues, ${plan.agents.length} agents, ${plan.tiers.length} tiers`
          : [counts('queues', summary.queues), counts('agents', summary.agents), counts('tiers', summary.tiers)].join('; '),
        ...(plan.notes.length > 0 ? ['not mapped or changed:', ...plan.notes.map((note) => `  ${note}`)] : ['every parameter was mapped']),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
