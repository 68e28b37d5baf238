import { runCli } from '../../cli/run-cli';
import { configureLogger, rootLogger } from '../../services/logging/logger';

function capture() {
  let text = '';
  return { write: (s: string) => ((text += s), true), get text() { return text; } };
}

describe('the CLI and LOG_LEVEL', () => {
  afterEach(() => configureLogger({ level: 'silent' }));

  it('logs at warn unless LOG_LEVEL is set; a set LOG_LEVEL is honoured', async () => {
    configureLogger({ level: 'warn' }); // what cli/main.ts starts with
    const stderr = capture();
    // no store can be reached on this port: the command fails, after the configuration was applied
    await runCli(['round', 'list'], { env: { LOG_LEVEL: 'debug', COSMOS_ENDPOINT: 'https://127.0.0.1:9/', COSMOS_KEY: 'a2V5' }, stderr, stdout: capture() });
    expect(rootLogger().level).toBe('debug');
    configureLogger({ level: 'warn' });
    await runCli(['round', 'list'], { env: { COSMOS_ENDPOINT: 'https://127.0.0.1:9/', COSMOS_KEY: 'a2V5' }, stderr: capture(), stdout: capture() });
    expect(rootLogger().level).toBe('warn');
  });

  it('an unknown LOG_LEVEL is refused with a message naming it, and nothing runs', async () => {
    const stderr = capture();
    const code = await runCli(['round', 'list'], { env: { LOG_LEVEL: 'loud' }, stderr, stdout: capture() });
    expect(code).not.toBe(0);
    expect(stderr.text).toMatch(/LOG_LEVEL/);
  });
});
