/**
 * A Neo4j that hangs: this file's own Neo4j is frozen with SIGSTOP (alive, sockets open, silent)
 * and thawed with SIGCONT while the API serves. Neo4j cannot enforce its own query timeout then,
 * so every request must still be answered by the API's deadline (query timeout + margin), with
 * the waiting connection discarded; writes say whether they may have been applied; readiness
 * keeps its 1 s budget; a pile-up of clients stays bounded; and the API serves again once Neo4j
 * does, without a restart. Timings are asserted only as "before the deadline plus a generous
 * margin" and printed for the README.
 *
 * @standalone
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_LIMITS } from '../../src/config';
import { MAX_CONNECTION_POOL_SIZE } from '../../src/neo4j/driver';
import { codeOf, useApiOverOwnNeo4j } from '../support/api-over-own-neo4j';
import { openConnectionsTo, sleep, timed, until } from '../support/faults';
import { errorCodes, type GraphQLResponse } from '../support/graphql';

/** What the API promises: the query timeout plus the margin (7 s with the defaults). */
const DEADLINE_MS = DEFAULT_LIMITS.queryTimeoutMs + DEFAULT_LIMITS.deadlineMarginMs;
/**
 * Generous slack for a 2-core machine shared with other work (the event loop of this process,
 * which runs the API and its 50 clients, was seen lagging by seconds); what this guards against
 * is minutes.
 */
const SLACK_MS = 5_000;
const READY_BUDGET_MS = 1_000;
const NATO = '{ entity(name: "nato") { id } }';
const PROBE = 'MERGE (p:DeadlineProbe {id: $id}) RETURN p.id AS id';

// Warmed up: a cold JVM on a busy machine is slow at first.
const setup = useApiOverOwnNeo4j('deadline', { warmUp: 20 });
const probes = (id: string): Promise<number> => setup.count('DeadlineProbe', id);
const readyStatus = (): Promise<number> => setup.health('ready');
const memory = (): { rssMb: number; heapMb: number } => {
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: Math.round(rss / 2 ** 20), heapMb: Math.round(heapUsed / 2 ** 20) };
};

afterEach(async () => {
  // Whatever a test did, the next one starts with Neo4j running and answering.
  setup.neo4j.thaw();
  await until(setup.served, 30_000);
}, 40_000);

describe('when Neo4j freezes (SIGSTOP) and resumes (SIGCONT)', () => {
  it('answers a read TIMEOUT by the deadline, discards its connection, keeps readiness within 1 s, and recovers', async () => {
    const neo = setup.neo4j;
    expect(await setup.served()).toBe(true);
    const connectionsBefore = openConnectionsTo(neo.port);
    expect(connectionsBefore).toBeGreaterThan(0);

    await neo.freeze();
    const read = await timed(() => setup.api.query(NATO));
    expect(errorCodes(read.value)).toEqual(['TIMEOUT']);
    expect(read.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    // The connection that waited was destroyed, not returned to the pool.
    await until(() => openConnectionsTo(neo.port) === connectionsBefore - 1, 2_000);

    const ready = await timed(readyStatus);
    expect(ready.value).toBe(503);
    expect(ready.ms).toBeLessThan(READY_BUDGET_MS + SLACK_MS);
    expect((await fetch(setup.api.url.replace('/graphql', '/health/live'))).status).toBe(200);

    neo.thaw();
    const recovered = await until(setup.served, 15_000);
    await until(async () => (await readyStatus()) === 200, 15_000);
    // Nothing is left waiting: the abandoned driver work has ended, and nothing rejected unhandled.
    await until(() => setup.db.abandonedUnits === 0, 5_000);
    expect(setup.unhandled).toEqual([]);
    process.stdout.write(`deadline: frozen read answered TIMEOUT after ${read.ms} ms (deadline ${DEADLINE_MS} ms); /health/ready 503 after ${ready.ms} ms; served again ${recovered} ms after SIGCONT\n`);
  }, 60_000);

  it("shares one deadline among a request's units of work", async () => {
    const neo = setup.neo4j;
    const request = setup.db.forRequest();
    const started = Date.now();
    await neo.freeze();
    const first = await request.read('RETURN 1', {}, () => undefined).then(() => undefined, (e: unknown) => e);
    const second = await request.read('RETURN 2', {}, () => undefined).then(() => undefined, (e: unknown) => e);
    const total = Date.now() - started;
    expect([codeOf(first), codeOf(second)]).toEqual(['TIMEOUT', 'TIMEOUT']);
    // Two units, one request: answered by the one deadline, not one deadline each.
    expect(total).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(request.queryCount).toBe(2);
  }, 60_000);

  it('answers a write stopped before its commit TIMEOUT (or SERVICE_UNAVAILABLE), and it wrote nothing', async () => {
    const neo = setup.neo4j;
    await neo.freeze();
    const cut = await timed(() => setup.db.write(PROBE, { id: 'before-commit' }, () => undefined).then(() => undefined, (e: unknown) => e));
    // TIMEOUT, unless the process learned meanwhile that Neo4j is down: the API's change-log reader
    // opens connections of its own, and one whose handshake a frozen Neo4j leaves unanswered for
    // the driver's 3 s marks it down, after which the deadline answers SERVICE_UNAVAILABLE (seen
    // in a loaded CI run). Both say what matters: not applied, safe to retry; never "unknown".
    const code = codeOf(cut.value);
    expect(['TIMEOUT', 'SERVICE_UNAVAILABLE']).toContain(code);
    expect((cut.value as Error).message).toMatch(code === 'TIMEOUT' ? /nothing was written and retrying is safe/ : /unavailable; try again shortly/);
    expect(cut.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    neo.thaw();
    await until(setup.served, 15_000);
    // Neo4j never received a COMMIT: the transaction it resumes is rolled back when it finds the connection closed.
    expect(await probes('before-commit')).toBe(0);
  }, 60_000);

  it('answers a write cut off after its commit was sent WRITE_OUTCOME_UNKNOWN, and a retry leaves exactly one copy', async () => {
    const neo = setup.neo4j;
    const cut = await timed(() =>
      setup.db
        .writeTransaction(async (tx) => {
          await tx.run(PROBE, { id: 'at-commit' });
          // Frozen between the statement and the commit: the COMMIT goes out to a silent Neo4j.
          await neo.freeze();
          await sleep(100);
        })
        .then(() => undefined, (e: unknown) => e),
    );
    expect(codeOf(cut.value)).toBe('WRITE_OUTCOME_UNKNOWN');
    expect((cut.value as Error).message).toMatch(/may or may not have been applied.*Retrying is safe/);
    expect(cut.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);

    neo.thaw();
    await until(setup.served, 15_000);
    // Whether the resumed Neo4j applied the COMMIT it found waiting is exactly what is unknown.
    const landed = await probes('at-commit');
    expect([0, 1]).toContain(landed);
    await setup.db.write(PROBE, { id: 'at-commit' }, () => undefined);
    expect(await probes('at-commit')).toBe(1);
    process.stdout.write(`deadline: write cut off at its commit answered WRITE_OUTCOME_UNKNOWN after ${cut.ms} ms; the resumed Neo4j had ${landed === 1 ? 'applied' : 'not applied'} it; after the retry: 1 copy\n`);
  }, 60_000);

  /** Sockets the driver has let go of that may still count as open when sampled (see below). */
  const SOCKETS_CLOSING = 2;

  it('bounds a pile-up: 50 clients for 30 s all answered by the deadline, connections and memory bounded, served again after SIGCONT', async () => {
    const neo = setup.neo4j;
    const CLIENTS = 50;
    const HANG_MS = 30_000;
    // A busy API's pool first: 50 concurrent requests.
    const warm = await Promise.all(Array.from({ length: CLIENTS }, () => setup.api.query(NATO)));
    expect(warm.flatMap(errorCodes)).toEqual([]);
    const before = { connections: openConnectionsTo(neo.port), ...memory() };

    const lag = monitorEventLoopDelay({ resolution: 20 });
    lag.enable();
    await neo.freeze();
    const frozenAt = Date.now();
    const answers: { ms: number; codes: (string | undefined)[] }[] = [];
    const readyChecks: { ms: number; status: number }[] = [];
    const samples: { connections: number; rssMb: number; heapMb: number; abandoned: number }[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push({ connections: openConnectionsTo(neo.port), ...memory(), abandoned: setup.db.abandonedUnits });
        await sleep(500);
      }
    })();
    const client = async (): Promise<void> => {
      while (Date.now() - frozenAt < HANG_MS) {
        const { value, ms } = await timed<GraphQLResponse>(() => setup.api.query(NATO));
        answers.push({ ms, codes: errorCodes(value) });
      }
    };
    const prober = async (): Promise<void> => {
      while (Date.now() - frozenAt < HANG_MS) {
        const { value, ms } = await timed(readyStatus);
        readyChecks.push({ ms, status: value });
        await sleep(1_000);
      }
    };
    await Promise.all([...Array.from({ length: CLIENTS }, client), prober()]);
    const answeredBy = Date.now() - frozenAt;
    sampling = false;
    await sampler;
    lag.disable();

    neo.thaw();
    const recovered = await until(setup.served, 30_000);
    const burst = await Promise.all(Array.from({ length: CLIENTS }, () => setup.api.query(NATO)));
    await until(() => setup.db.abandonedUnits === 0, 10_000);
    const after = { connections: openConnectionsTo(neo.port), ...memory() };

    const slowest = Math.max(...answers.map((a) => a.ms));
    const peak = {
      connections: Math.max(...samples.map((s) => s.connections)),
      rssMb: Math.max(...samples.map((s) => s.rssMb)),
      heapMb: Math.max(...samples.map((s) => s.heapMb)),
      abandoned: Math.max(...samples.map((s) => s.abandoned)),
    };
    const tally = new Map<string, number>();
    for (const a of answers) tally.set(a.codes.join(','), (tally.get(a.codes.join(',')) ?? 0) + 1);
    process.stdout.write(
      `deadline: pile-up, ${CLIENTS} clients for ${HANG_MS / 1000} s against a frozen Neo4j: ${answers.length} answers (${[...tally].map(([k, n]) => `${n} ${k || 'ok'}`).join(', ')}), slowest ${slowest} ms, all answered ${answeredBy} ms after the freeze; ` +
        `/health/ready ${readyChecks.length}x 503, slowest ${Math.max(...readyChecks.map((r) => r.ms))} ms; ` +
        `Bolt connections ${before.connections} before, peak ${peak.connections}, ${after.connections} after; abandoned units peak ${peak.abandoned}; ` +
        `test process RSS ${before.rssMb} -> peak ${peak.rssMb} -> ${after.rssMb} MB, heap ${before.heapMb} -> peak ${peak.heapMb} -> ${after.heapMb} MB; ` +
        `event-loop delay p99 ${Math.round(lag.percentile(99) / 1e6)} ms, max ${Math.round(lag.max / 1e6)} ms; served again ${recovered} ms after SIGCONT\n`,
    );

    expect(answers.length).toBeGreaterThanOrEqual(CLIENTS);
    for (const a of answers) expect(['TIMEOUT', 'SERVICE_UNAVAILABLE']).toContain(a.codes.join(','));
    expect(slowest).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(readyChecks.map((r) => r.status)).toEqual(readyChecks.map(() => 503));
    expect(Math.max(...readyChecks.map((r) => r.ms))).toBeLessThan(READY_BUDGET_MS + SLACK_MS);
    // The pool's cap, give or take a socket in the moment between the driver dropping a connection
    // (a handshake the frozen Neo4j never answered) and that socket closing while a replacement
    // opens: seen once as 101 in a loaded CI run. A leak would grow with the hundreds of answers.
    expect(peak.connections).toBeLessThanOrEqual(MAX_CONNECTION_POOL_SIZE + SOCKETS_CLOSING);
    // Each answered request leaves nothing behind; a leak would grow with the hundreds of answers.
    expect(peak.heapMb - before.heapMb).toBeLessThan(150);
    expect(peak.abandoned).toBeLessThanOrEqual(CLIENTS);
    expect(burst.flatMap(errorCodes)).toEqual([]);
    expect(setup.unhandled).toEqual([]);
  }, 120_000);
});
