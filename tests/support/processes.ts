/**
 * The built entry points (dist/main.js, dist/cli/*.js) in child processes, as a user runs them:
 * an environment the test controls entirely, and helpers that wait for events (exit, a log line)
 * rather than for fixed times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { PROJECT_ROOT } from '../../src/config';

/** A built entry point, e.g. `built('cli/seed.js')`; fails clearly when the build is missing. */
export function built(relative: string): string {
  const file = path.join(PROJECT_ROOT, 'dist', relative);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  return file;
}

/**
 * JVM options for the short-lived Neo4j processes the tests start: only the quick JIT compiler.
 * Measured on the embedded Neo4j: a start took 8 s and 7 s of CPU instead of 13 s and 11 s, and
 * the first load of the seed into a new store 16 s of CPU instead of 24 s. These processes run a
 * few hundred queries in their life, never long enough for the optimising compiler to pay back
 * what it costs; the run's shared Neo4j and the benchmark's keep it.
 */
export const QUICK_START_JVM_OPTIONS: readonly string[] = ['-XX:TieredStopAtLevel=1'];

/**
 * The environment without any of our variables (Neo4j, auth, port, host, log level, NODE_ENV),
 * with the quick JIT for any embedded Neo4j the process starts (NEO4J_EMBEDDED_JVM_OPTIONS), plus
 * `extra`.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(NEO4J_|AUTH_|PORT$|HOST$|LOG_LEVEL$|NODE_ENV$)/.test(k)) env[k] = v;
  return { ...env, NEO4J_EMBEDDED_JVM_OPTIONS: QUICK_START_JVM_OPTIONS.join(' '), ...extra };
}

/** The command lines (argv) of the running children of `pid` (Linux /proc). */
export function childCommandLines(pid: number): string[][] {
  const lines: string[][] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) lines.push(fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== ''));
    } catch {
      // gone meanwhile
    }
  }
  return lines;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `script` with node until it exits (SIGKILL and a rejection after `timeoutMs`). */
export function runToEnd(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} did not exit within ${timeoutMs} ms; stdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A loopback port nothing listens on (just released by a server of our own). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface LogEntry {
  msg?: string;
  [key: string]: unknown;
}

export interface Running {
  child: ChildProcess;
  /** Every stdout line so far (JSON log lines). */
  logs: string[];
  exited: Promise<number | null>;
  /** The first log entry, already written or still to come, that `matches`; rejects if the process exits first. */
  logged: (matches: (entry: LogEntry) => boolean) => Promise<LogEntry>;
}

/** Starts `script` with node, stdout read as JSON log lines, stderr passed through. */
export function startLogging(script: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const logs: string[] = [];
  const entries: LogEntry[] = [];
  const waiting = new Set<{ matches: (entry: LogEntry) => boolean; resolve: (entry: LogEntry) => void }>();
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    logs.push(line);
    const entry = JSON.parse(line) as LogEntry;
    entries.push(entry);
    for (const w of waiting) {
      if (!w.matches(entry)) continue;
      waiting.delete(w);
      w.resolve(entry);
    }
  });
  const logged = (matches: (entry: LogEntry) => boolean): Promise<LogEntry> => {
    const already = entries.find(matches);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise<LogEntry>((resolve, reject) => {
      waiting.add({ matches, resolve });
      void exited.then((code) => reject(new Error(`${path.basename(script)} exited with ${code} before logging what the test waits for:\n${logs.join('\n')}`)));
    });
  };
  return { child, logs, exited, logged };
}
