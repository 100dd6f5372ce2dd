// `nano-meet serve` as a real child process (under tsx, from the sources), for the tests that need the CLI.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { API_KEY_SHA256, SECRET } from './server-fixtures.js';

export const CLI = new URL('../../src/server/cli.ts', import.meta.url).pathname;

/** A working configuration: the fixtures' secret and API key, meet.example.org. */
export const CLI_ENV = {
  NANO_MEET_APP_ID: 'nano_app',
  NANO_MEET_SECRET: SECRET,
  NANO_MEET_API_KEY_HASHES: API_KEY_SHA256,
  NANO_MEET_ALLOWED_SERVERS: 'meet.example.org',
};

export interface ServingCli {
  child: ChildProcessWithoutNullStreams;
  url: string;
  port: number;
  output: () => string;
  /** The first JSON log line `matches` accepts, as soon as it is written. */
  waitForLog: (matches: (entry: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

/** Starts `nano-meet serve --port 0` and waits for the URL it prints. */
export async function serveCli(args: string[], env: Record<string, string>): Promise<ServingCli> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within 20 s:\n${output}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const waitForLog = (matches: (entry: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const look = () => {
        const found = logLinesOf(output).find(matches);
        if (!found) return;
        child.stdout.off('data', look);
        resolve(found);
      };
      child.stdout.on('data', look);
      look();
    });
  return { child, url, port: Number(new URL(url).port), output: () => output, waitForLog, stop };
}

/** Runs the CLI to its end. */
export async function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = await once(child, 'exit');
  return { code: code as number, output };
}

/** The JSON lines of the CLI's output (its log), parsed. */
export function logLinesOf(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
