/**
 * The floor of the benchmark: a bare node:http endpoint that runs exactly the Cypher actor-graph
 * runs for each operation (it calls the same data-access functions, so the same queries and the
 * same number of round trips) through neo4j-driver, with no GraphQL: what this machine can do at
 * best with this data model. POST /<operation> with the parameters as a JSON body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { findEntitiesByIds, findEntityByName } from '../src/queries/entities';
import { findNeighborhood, findShortestPath } from '../src/queries/graph';
import { pageRelationships, pageRelationshipsOfEntities } from '../src/queries/relationships';
import { searchGraph } from '../src/queries/search';
import type { CypherExecutor } from '../src/neo4j/driver';
import type { RelationshipModel } from '../src/model';
import type { BenchParams, Operation } from './operations';

async function withEnds(db: CypherExecutor, relationships: RelationshipModel[]): Promise<unknown[]> {
  // Like actor-graph: ends the relationship query brought along need no second query.
  if (relationships.every((r) => r.source !== undefined && r.target !== undefined)) return relationships;
  const ids = [...new Set(relationships.flatMap((r) => [r.sourceId, r.targetId]))];
  const ends = new Map((await findEntitiesByIds(db, ids)).filter((e) => e !== null).map((e) => [e.id, e]));
  return relationships.map((r) => ({ ...r, source: ends.get(r.sourceId), target: ends.get(r.targetId) }));
}

/** Edges as the GraphQL answer has them: ends by id (they are among the nodes), not the entities again. */
function withoutEnds({ source: _source, target: _target, ...edge }: RelationshipModel): Omit<RelationshipModel, 'source' | 'target'> {
  return edge;
}

// Neighbourhood and path leave out evidence, as actor-graph does when (as in the benchmark's
// queries) the edges' evidence is not selected.
const HANDLERS: Record<Operation, (db: CypherExecutor, p: BenchParams) => Promise<unknown>> = {
  entityByName: (db, p) => findEntityByName(db, p.name),
  entityWithRelationships: async (db, p) => {
    const [entity] = await findEntitiesByIds(db, [p.id]);
    const [page] = await pageRelationshipsOfEntities(db, [p.id], 'BOTH', { filter: null, first: 20, after: null });
    return { entity, relationships: await withEnds(db, page?.items ?? []) };
  },
  relationshipsPage: async (db, p) => {
    const page = await pageRelationships(db, { filter: { types: [p.type], stances: [p.stance] }, first: 20, after: null });
    return { totalCount: page.totalCount, nodes: await withEnds(db, page.items) };
  },
  neighborhood: async (db, p) => {
    const subgraph = await findNeighborhood(db, { entityId: p.id, depth: 2, filter: null, maxNodes: 500, withEvidence: false });
    return { ...subgraph, edges: subgraph.edges.map(withoutEnds) };
  },
  shortestPath: async (db, p) => {
    const path = await findShortestPath(db, { fromId: p.id, toId: p.otherId, maxLength: 6, filter: null, withEvidence: false });
    return path === null ? null : { ...path, edges: path.edges.map(withoutEnds) };
  },
  search: (db, p) => searchGraph(db, p.text, 10),
};

export async function startFloor(root: CypherExecutor): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = (req.url ?? '/').slice(1) as Operation;
      const handler = HANDLERS[operation];
      if (handler === undefined) {
        res.writeHead(404).end();
        return;
      }
      const db = root.forRequest();
      handler(db, JSON.parse(Buffer.concat(chunks).toString('utf8')) as BenchParams).then(
        (result) => {
          const body = JSON.stringify({ data: result });
          res.writeHead(200, { 'content-type': 'application/json', 'x-round-trips': String(db.queryCount), 'content-length': Buffer.byteLength(body) }).end(body);
        },
        (e: unknown) => {
          const body = JSON.stringify({ errors: [{ message: e instanceof Error ? e.message : String(e) }] });
          res.writeHead(500, { 'content-type': 'application/json' }).end(body);
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
