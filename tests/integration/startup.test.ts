/**
 * `npm start` as a user meets it: the built entry point in a child process. From no
 * configuration it starts the embedded Neo4j, seeds it and serves GraphQL; SIGTERM stops
 * everything cleanly and the data is there on the next start. Bad configuration, a missing Java
 * and an unreachable Neo4j each end with a one-line cause, never a stack trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { PROJECT_ROOT } from '../../src/config';

const MAIN = path.join(PROJECT_ROOT, 'dist', 'main.js');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment without any of our variables, so the test controls them all. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(NEO4J_|AUTH_|PORT$|HOST$|LOG_LEVEL$|NODE_ENV$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function runToEnd(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`did not exit within ${timeoutMs} ms; stdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
});

describe('start-up failures', () => {
  it('lists every configuration problem by variable name and exits non-zero', async () => {
    const result = await runToEnd(cleanEnv({ PORT: 'abc', NEO4J_URI: 'http://localhost:7474', LOG_LEVEL: 'chatty' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^actor-graph: Invalid configuration:\n/);
    for (const name of ['PORT', 'NEO4J_URI', 'LOG_LEVEL']) expect(result.stderr).toContain(`  - ${name}: `);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('says in one line that Java is missing, pointing to Docker Compose', async () => {
    const nodeOnly = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-nojava-'));
    fs.symlinkSync(process.execPath, path.join(nodeOnly, 'node'));
    const result = await runToEnd(cleanEnv({ PATH: nodeOnly }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^actor-graph: Java 17\+ is needed .*docker compose up/)]);
  });

  it('retries an unreachable Neo4j for a bounded time, then gives a one-line cause', async () => {
    const port = await freePort();
    const result = await runToEnd(cleanEnv({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_STARTUP_TIMEOUT_SECONDS: '3' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^actor-graph: Neo4j at bolt://127.0.0.1:${port} \\(database "neo4j"\\) did not answer within 3 s`))]);
    const waits = result.stdout.split('\n').filter((l) => l.includes('"waiting for Neo4j"'));
    expect(waits.length).toBeGreaterThanOrEqual(2);
  });
});

describe('npm start from no configuration', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-start-'));
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.auth-secret`, { force: true });
  });

  /** Starts the app like `npm start` (only ports and data folder moved aside) and waits until it serves. */
  async function start(): Promise<{ url: string; logs: string[]; exited: Promise<number | null> }> {
    const proc = spawn(process.execPath, [MAIN], {
      env: cleanEnv({ PORT: '0', NEO4J_EMBEDDED_PORT: '0', NEO4J_EMBEDDED_DATA_DIR: dataDir, AUTH_DEV_SECRET_FILE: `${dataDir}.auth-secret` }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = proc;
    const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
    const logs: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: proc.stdout }).on('line', (line) => {
        logs.push(line);
        const entry = JSON.parse(line) as { url?: string; msg?: string };
        if (entry.msg?.startsWith('actor-graph is ready') === true && entry.url !== undefined) resolve(entry.url);
      });
      void exited.then((code) => reject(new Error(`exited with ${code} before it was ready:\n${logs.join('\n')}`)));
    });
    return { url, logs, exited };
  }

  async function natoThrough(url: string): Promise<unknown> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ entity(name: "nato") { id name kind aliases } }' }) });
    return response.json();
  }

  /** A POST whose body is only half sent: in flight until `finish` sends the rest. */
  function halfSentRequest(url: string): { finish: () => Promise<{ status: number; body: string }> } {
    const body = JSON.stringify({ operationName: 'InFlight', query: 'query InFlight { entity(name: "nato") { id } }' });
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, 20));
    return {
      finish: () => {
        request.end(body.slice(20));
        return response;
      },
    };
  }

  it('starts Neo4j, seeds it, answers NATO, logs the request, and drains in-flight requests on SIGTERM', async () => {
    const first = await start();
    expect(first.logs.some((l) => l.includes('seed loaded'))).toBe(true);
    // No token setup in development: a kept secret, and the log says how to get a token.
    expect(first.logs.some((l) => l.includes('npm run token -- --sub you --role editor'))).toBe(true);
    const secret = fs.readFileSync(`${dataDir}.auth-secret`, 'utf8').trim();
    expect(first.logs.join('\n')).not.toContain(secret);
    expect(await natoThrough(first.url)).toMatchObject({
      data: { entity: { id: 'entity:nato', name: 'NATO', kind: 'ORGANIZATION', aliases: ['North Atlantic Treaty Organization', 'North Atlantic Alliance', 'OTAN'] } },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const requestLog = first.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'graphql request');
    expect(requestLog).toMatchObject({ operationName: null, neo4jRoundTrips: 1, outcome: 'ok', durationMs: expect.any(Number) as unknown });

    const inFlight = halfSentRequest(first.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Draining: no new connections, but the request already in flight is answered.
    await expect(fetch(first.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).rejects.toThrow();
    const answered = await inFlight.finish();
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toMatchObject({ data: { entity: { id: 'entity:nato' } } });
    expect(await first.exited).toBe(0);
    // The embedded Neo4j released its store: a second start can take the same folder.
    const second = await start();
    expect(second.logs.some((l) => l.includes('seed loaded'))).toBe(false);
    expect(await natoThrough(second.url)).toMatchObject({ data: { entity: { id: 'entity:nato' } } });
    child?.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 180_000);
});
