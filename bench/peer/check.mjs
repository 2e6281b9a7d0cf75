/**
 * Checks the peer against a Neo4j that holds actor-graph's article seed: starts the peer, runs the
 * six benchmark operations (and the alternatives) with seed parameters, fails on any GraphQL or
 * HTTP error or an empty answer, prints each result's size and a rough latency, stops the peer.
 *
 *   (cd /work/main && NEO4J_URI=bolt://127.0.0.1:<port> npm run seed)
 *   node bench/peer/check.mjs --uri bolt://127.0.0.1:<port> [--database neo4j] [--runs 20] [--all-types]
 *
 * --all-types traverses all 14 relationship types instead of the 4 the synthetic graphs use.
 * Exit code: 0 all good, 1 some operation failed, 2 bad usage.
 */
import { BENCH_TYPES, PEER_ALTERNATIVES, RELATION_TYPES, buildPeerOperations, startPeer } from './server.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const uri = arg('uri', process.env.NEO4J_URI);
if (!uri) {
  console.error('usage: node bench/peer/check.mjs --uri bolt://127.0.0.1:<port> [--database neo4j] [--runs 20] [--all-types]');
  process.exit(2);
}
const database = arg('database', 'neo4j');
const runs = Number(arg('runs', '20'));
const types = process.argv.includes('--all-types') ? RELATION_TYPES : BENCH_TYPES;

/** Parameters from the article seed, named as actor-graph's operations name them. */
const PARAMS = {
  entityByName: { name: 'NATO' },
  entityByNameKey: { name: '  nato ' },
  entityWithRelationships: { id: 'entity:nato' },
  relationshipsPage: { type: 'COUNTERS', stance: 'ADVERSARIAL' },
  neighborhood: { id: 'entity:nato' },
  neighborhoodCypher: { id: 'entity:nato' },
  shortestPath: { fromId: 'entity:new-zealand', toId: 'entity:china' },
  search: { text: 'china' },
};

/** Every connection object ({ edges: [...] }) directly under an entity object. */
const connectionsOf = (entity) => Object.entries(entity).filter(([k, v]) => k.endsWith('Connection') && v && Array.isArray(v.edges));

/** How big each answer is, in the terms of actor-graph's answer (entities, relationships, hits). */
const SIZE = {
  entityByName: (d) => {
    const e = d.entities[0];
    return { size: d.entities.length, summary: e ? `${e.id} "${e.name}" ${e.kind} aliases=${JSON.stringify(e.aliases)}` : 'none' };
  },
  entityByNameKey: (d) => {
    const e = d.names[0]?.entity[0];
    return { size: d.names.length, summary: e ? `${e.id} "${e.name}"` : 'none' };
  },
  entityWithRelationships: (d) => {
    const e = d.entities[0];
    if (!e) return { size: 0, summary: 'no entity' };
    const per = connectionsOf(e).map(([k, v]) => [k.replace(/Connection$/, ''), v.edges.length]).filter(([, n]) => n > 0);
    const n = per.reduce((s, [, c]) => s + c, 0);
    const withEvidence = connectionsOf(e).every(([, v]) => v.edges.every((x) => x.properties.evidenceQuotes.length > 0));
    return { size: n, summary: `${n} relationships (${per.map(([k, c]) => `${k}:${c}`).join(', ')}); evidence on all: ${withEvidence}` };
  },
  relationshipsPage: (d) => {
    const p = d.relationshipsPage;
    return { size: p.nodes.length, summary: `totalCount=${p.totalCount}, page=${p.nodes.map((r) => r.id).join(', ')}` };
  },
  neighborhood: (d) => {
    // Flatten the tree into actor-graph's shape: distinct nodes and distinct edges.
    const nodes = new Map();
    const edges = new Set();
    let rows = 0;
    const walk = (entity) => {
      nodes.set(entity.id, entity.name);
      for (const [, conn] of connectionsOf(entity)) {
        for (const edge of conn.edges) {
          rows += 1;
          edges.add(edge.properties.id);
          walk(edge.node);
        }
      }
    };
    for (const e of d.entities) walk(e);
    return { size: nodes.size, summary: `${nodes.size} distinct nodes, ${edges.size} distinct edges (${rows} edge rows before dedupe)` };
  },
  neighborhoodCypher: (d) => {
    const g = d.neighborhood;
    return { size: g?.nodes.length ?? 0, summary: g ? `${g.nodes.length} nodes, ${g.edges.length} edges` : 'null' };
  },
  shortestPath: (d) => {
    const p = d.shortestPath;
    return { size: p ? p.length : 0, summary: p ? `length=${p.length}: ${p.nodes.map((n) => n.name).join(' - ')} via ${p.edges.map((e) => e.type).join(', ')}` : 'no path' };
  },
  search: (d) => {
    const hits = d.searchEntities.edges;
    return { size: hits.length, summary: hits.map((h) => `${h.node.id}(${h.score.toFixed(2)})`).join(', ') };
  },
};

async function post(url, query, variables) {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  const ms = performance.now() - started;
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok || body.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 1000)}`);
  return { data: body.data, bytes: text.length, ms };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const peer = await startPeer({ uri, database });
let failed = 0;
try {
  console.log(`peer at ${peer.url} over ${uri} (database ${database}); relationship types: ${types.join(', ')}`);
  const operations = [
    ...Object.entries(buildPeerOperations(types)).map(([name, op]) => [name, op, '']),
    ...Object.entries(PEER_ALTERNATIVES).map(([name, op]) => [name, op, ' (alternative)']),
  ];
  for (const [name, op, note] of operations) {
    try {
      const variables = op.variables(PARAMS[name]);
      const first = await post(peer.url, op.query, variables);
      const { size, summary } = SIZE[name](first.data);
      if (size === 0) throw new Error(`empty answer: ${summary}`);
      const times = [];
      for (let i = 0; i < runs; i += 1) times.push((await post(peer.url, op.query, variables)).ms);
      const timing = runs > 0 ? `, median ${median(times).toFixed(1)} ms over ${runs} runs` : '';
      console.log(`OK   ${name}${note}: size ${size}, ${first.bytes} bytes${timing}\n       ${summary}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}${note}: ${error.message}`);
    }
  }
} finally {
  await peer.stop();
}
console.log(failed === 0 ? 'all operations answered' : `${failed} operation(s) failed`);
process.exit(failed === 0 ? 0 : 1);
