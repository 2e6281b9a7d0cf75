/**
 * Shared shape of the command-line entry points: configuration problems and start-up failures
 * end the process with a short cause on stderr and a non-zero exit, never a bare stack trace;
 * SIGINT/SIGTERM run the command's cleanup once.
 */
import { ConfigError, loadConfig, type Config } from '../config';
import { createLogger, type Logger } from '../log';

export type Cleanup = () => Promise<void>;

export function run(name: string, command: (config: Config, logger: Logger) => Promise<Cleanup | void>): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e: unknown) {
    process.stderr.write(`${name}: ${e instanceof ConfigError ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  let cleanup: Cleanup | undefined;
  let signalled = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'shutting down');
    void (cleanup?.() ?? Promise.resolve()).then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`${name}: shutdown failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  command(config, logger).then(
    (done) => {
      cleanup = done ?? undefined;
      if (signalled && cleanup !== undefined) void cleanup().then(() => process.exit(0));
    },
    (e: unknown) => {
      logger.debug({ err: e }, 'fatal');
      process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
