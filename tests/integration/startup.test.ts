/**
 * `npm start` as a user meets it: the built entry point in a child process. From no
 * configuration it starts the embedded Neo4j, seeds it and serves GraphQL; SIGTERM stops
 * everything cleanly and the data is there on the next start. Bad configuration, a missing Java
 * and an unreachable Neo4j each end with a one-line cause, never a stack trace.
 *
 * @standalone
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { built, cleanEnv, freePort, runToEnd, startLogging, type Running } from '../support/processes';

let MAIN: string;
beforeAll(() => {
  MAIN = built('main.js');
});

describe('start-up failures', () => {
  it('lists every configuration problem by variable name and exits non-zero', async () => {
    const result = await runToEnd(MAIN, [], cleanEnv({ PORT: 'abc', NEO4J_URI: 'http://localhost:7474', LOG_LEVEL: 'chatty' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^actor-graph: Invalid configuration:\n/);
    for (const name of ['PORT', 'NEO4J_URI', 'LOG_LEVEL']) expect(result.stderr).toContain(`  - ${name}: `);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('says in one line that Java is missing, pointing to Docker Compose', async () => {
    const nodeOnly = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-nojava-'));
    fs.symlinkSync(process.execPath, path.join(nodeOnly, 'node'));
    const result = await runToEnd(MAIN, [], cleanEnv({ PATH: nodeOnly })).finally(() => fs.rmSync(nodeOnly, { recursive: true, force: true }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^actor-graph: Java 17\+ is needed .*docker compose up/)]);
  });

  it('retries an unreachable Neo4j for a bounded time, then gives a one-line cause', async () => {
    const port = await freePort();
    const result = await runToEnd(MAIN, [], cleanEnv({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_STARTUP_TIMEOUT_SECONDS: '3' }));
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
  async function start(): Promise<Running & { url: string }> {
    const running = startLogging(MAIN, cleanEnv({ PORT: '0', NEO4J_EMBEDDED_PORT: '0', NEO4J_EMBEDDED_DATA_DIR: dataDir, AUTH_DEV_SECRET_FILE: `${dataDir}.auth-secret` }));
    child = running.child;
    const ready = await running.logged((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('actor-graph is ready') && typeof entry.url === 'string');
    return { ...running, url: ready.url as string };
  }

  async function natoThrough(url: string): Promise<unknown> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ entity(name: "nato") { id name kind aliases } }' }) });
    return response.json();
  }

  /**
   * A POST whose body is only half sent: in flight until `finish` sends the rest. Resolves once
   * the server has taken the connection: a request on a new connection opened after it has been
   * answered (the server accepts connections in order), so the half-sent one is being read.
   */
  async function halfSentRequest(url: string): Promise<{ finish: () => Promise<{ status: number; body: string }> }> {
    const body = JSON.stringify({ operationName: 'InFlight', query: 'query InFlight { entity(name: "nato") { id } }' });
    const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
    });
    await new Promise<void>((resolve) => request.write(body.slice(0, 20), () => resolve()));
    expect(await postOnNewConnection(url, '{"query":"{ __typename }"}')).toBe(200);
    return {
      finish: () => {
        request.end(body.slice(20));
        return response;
      },
    };
  }

  /** The status of a POST sent on a connection of its own (fetch would reuse a kept-alive one). */
  function postOnNewConnection(url: string, body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      request.on('error', reject);
      request.end(body);
    });
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
    const requestLog = await first.logged((entry) => entry.msg === 'graphql request');
    expect(requestLog).toMatchObject({ operationName: null, neo4jRoundTrips: 1, outcome: 'ok', durationMs: expect.any(Number) as unknown });

    const inFlight = await halfSentRequest(first.url);
    child?.kill('SIGTERM');
    // The server stops listening in the same step as it logs this.
    await first.logged((entry) => entry.msg === 'shutting down');
    // Draining: no new connections, but the request already in flight is answered.
    await expect(postOnNewConnection(first.url, '{"query":"{ __typename }"}')).rejects.toThrow();
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
