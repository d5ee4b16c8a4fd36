// The "Examples:" block every lineup subcommand shows after its --help.
import type { Command } from 'commander';

export function withExamples(command: Command, examples: readonly string[] | undefined): Command {
  if (examples === undefined || examples.length === 0) return command;
  return command.addHelpText('after', `\nExamples:\n${examples.map((line) => `  $ ${line}`).join('\n')}\n`);
}
