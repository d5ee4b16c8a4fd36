#!/usr/bin/env node
// Entry point of the `lineup` binary: runs the command tree and turns failures into exit codes
// (0 ok, 1 runtime failure, 2 bad usage or invalid value).
import { CommanderError } from 'commander';
import { CliFailure } from './errors.js';
import { buildProgram } from './program.js';

async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message; --help and --version exit 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliFailure) {
      process.stderr.write(`lineup: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`lineup: unexpected failure: ${message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv);
