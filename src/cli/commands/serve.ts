// `lineup serve`: runs the controller until SIGINT / SIGTERM.
import type { Command } from 'commander';
import { startController } from '../../controller/controller.js';
import { createLogger } from '../../log.js';
import { runtimeError } from '../errors.js';
import { addServeOptions, readServeOptions } from './serve-options.js';

export function register(program: Command): void {
  addServeOptions(
    program
      .command('serve')
      .description('run the controller: take queue calls from FreeSWITCH, ring agents, log every event to Postgres')
      .addHelpText(
        'after',
        `
Examples:
  lineup serve                                   embedded database, FreeSWITCH at 127.0.0.1:8021 (password ClueCon)
  lineup serve --esl 127.0.0.1:8021:s3cret       another event-socket password
  lineup serve --esl fs1=10.0.0.5:8021:pw --esl fs2=10.0.0.6:8021:pw   two FreeSWITCH nodes
  DATABASE_URL=postgres://lineup:pw@db:5432/lineup lineup serve`,
      ),
  ).action(async (opts: Record<string, unknown>) => {
    const options = readServeOptions(opts);
    const logger = createLogger({ level: options.logLevel });
    const started = await startController({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      esl: options.esl,
      outboundListen: options.outboundListen,
      apiListen: options.apiListen,
      apiToken: options.apiToken,
      pauseReasons: options.pauseReasons,
      logger,
    });
    if (!started.ok) throw runtimeError(started.message);
    const stopped = new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void started.controller.stop().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await stopped;
  });
}
