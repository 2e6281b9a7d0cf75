/**
 * The benchmark's "peer": @neo4j/graphql 7 (the library a user would pick instead of actor-graph)
 * serving the SAME Neo4j data that actor-graph writes, read-only, through Apollo Server 5.
 *
 *   import { startPeer, PEER_OPERATIONS } from './bench/peer/server.mjs';
 *   const peer = await startPeer({ uri: 'bolt://127.0.0.1:7687' }); // -> { url, stop }
 *
 *   node bench/peer/server.mjs --uri bolt://127.0.0.1:7687 [--port 4001] [--database neo4j] [--print-schema]
 *
 * Plain ESM JavaScript: no build step. Its own package (bench/peer/package.json, pinned versions).
 *
 * How the six benchmark operations map (details next to each query in buildPeerOperations):
 *   entityByName             generated  entities(where: { name: { eq } })        (exact name only)
 *   entityWithRelationships  generated  entities(where: { id: { eq } }) + <type>{Out,In}Connection(first: 20, sort by edge id)
 *   relationshipsPage        @cypher    relationshipsPage(type, stance, first) { totalCount nodes }   (no root relationship query)
 *   neighborhood             generated  two levels of nested <type>{Out,In}Connection                 (client dedupes)
 *   shortestPath             @cypher    shortestPath(fromId, toId) { length nodes edges }             (no path query)
 *   search                   generated  @fulltext query searchEntities(phrase, first)                 (library's own full-text)
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { pathToFileURL } from 'node:url';
import neo4j from 'neo4j-driver';

/** The relationship vocabulary of actor-graph (src/model/vocabulary.ts), all declared in the schema. */
export const RELATION_TYPES = [
  'MEMBER_OF', 'LEADS', 'ALLY_OF', 'PARTNER_OF', 'ESTABLISHES', 'LOCATED_IN', 'CONSULTS',
  'COOPERATES_WITH', 'SHARES_VALUES_WITH', 'COUNTERS', 'CONCERNED_ABOUT', 'CHALLENGES', 'ACTIVE_IN', 'NEAR',
];

/** The only types the benchmark's synthetic graphs use: what PEER_OPERATIONS traverse. */
export const BENCH_TYPES = ['COOPERATES_WITH', 'PARTNER_OF', 'COUNTERS', 'CONCERNED_ABOUT'];

/** COOPERATES_WITH -> cooperatesWith: the stem of the two fields (…Out, …In) declared per type. */
export const fieldStem = (type) => type.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase());

const TYPE_LIST = RELATION_TYPES.join('|');

/**
 * relationshipsPage's Cypher. Cypher cannot take a relationship type as a parameter in a pattern;
 * `type(r) = $type` or the dynamic `[r:$($type)]` both plan as a scan of EVERY relationship in
 * Neo4j 5.26 (checked with EXPLAIN). actor-graph writes the type into the pattern (a relationship
 * type scan), so to compare the layers rather than two different plans the @cypher statement is a
 * union of one guarded branch per type: the guard `WHERE $type = '<T>'` comes before the MATCH,
 * so only the asked type is scanned (PROFILE: the other branches do no db hits).
 */
const TYPE_BRANCHES = RELATION_TYPES.map(
  (t) => `WITH 1 AS guard WHERE $type = '${t}' MATCH ()-[r:${t}]->() WHERE r.stance = $stance RETURN r`,
).join('\n      UNION ALL\n      ');

const ROW = `{.id, .stance, .modality, type: type(r), sourceId: startNode(r).id, targetId: endNode(r).id}`;

const relationshipFields = RELATION_TYPES.map(
  (t) =>
    `  ${fieldStem(t)}Out: [Entity!]! @relationship(type: "${t}", direction: OUT, properties: "Relation")\n` +
    `  ${fieldStem(t)}In: [Entity!]! @relationship(type: "${t}", direction: IN, properties: "Relation")`,
).join('\n');

/** The type definitions, written as a user of @neo4j/graphql would for actor-graph's data. */
export const typeDefs = /* GraphQL */ `
  # Read-only: no create/update/delete mutations are generated.
  extend schema @mutation(operations: [])

  enum Stance { COOPERATIVE NEUTRAL ADVERSARIAL }
  enum Modality { ASSERTED PLANNED ATTRIBUTED }
  enum EntityKind { COUNTRY ORGANIZATION OFFICE CITY REGION SEA }
  enum RelationType { ${RELATION_TYPES.join(' ')} }

  "Properties of every native relationship between entities (evidence as parallel lists, as stored)."
  type Relation @relationshipProperties {
    id: ID!
    stance: Stance!
    modality: Modality!
    attributedTo: String
    evidenceQuotes: [String!]!
    evidenceStarts: [Int!]!
    evidenceEnds: [Int!]!
    evidenceDocuments: [String!]!
    documents: [String!]!
  }

  type Mention @relationshipProperties {
    starts: [Int!]!
    ends: [Int!]!
    texts: [String!]!
  }

  # @fulltext names the existing full-text index "search" (over Entity|Document); the library's
  # generated query filters its hits to :Entity.
  type Entity @node @fulltext(indexes: [{ indexName: "search", queryName: "searchEntities", fields: ["name", "aliasText", "description"] }]) {
    id: ID!
    name: String!
    kind: EntityKind!
    aliases: [String!]!
    aliasText: String
    description: String
    wikidata: String
    iso3: String
    names: [Name!]! @relationship(type: "NAMES", direction: IN)
    mentionedIn: [Document!]! @relationship(type: "MENTIONS", direction: IN, properties: "Mention")
${relationshipFields}
  }

  "One per lower-cased name or alias (actor-graph's case-insensitive name lookup)."
  type Name @node {
    key: String!
    entity: [Entity!]! @relationship(type: "NAMES", direction: OUT)
  }

  type Document @node {
    id: ID!
    title: String!
    text: String!
    relationshipIds: [String!]!
    mentions: [Entity!]! @relationship(type: "MENTIONS", direction: OUT, properties: "Mention")
  }

  # Plain object types (no @node) for @cypher fields that return maps.
  type RelationshipRow {
    id: ID!
    type: RelationType!
    stance: Stance!
    modality: Modality!
    sourceId: ID!
    targetId: ID!
  }

  type RelationshipPage {
    totalCount: Int!
    nodes: [RelationshipRow!]!
  }

  type PathNode {
    id: ID!
    name: String!
  }

  type Path {
    length: Int!
    nodes: [PathNode!]!
    edges: [RelationshipRow!]!
  }

  type Subgraph {
    nodes: [PathNode!]!
    edges: [RelationshipRow!]!
  }

  type Query {
    "A root page of relationships of one type and stance, ordered by id, with the total (one query, like actor-graph's)."
    relationshipsPage(type: RelationType!, stance: Stance!, first: Int! = 20): RelationshipPage!
      @cypher(
        statement: """
        CALL () {
          CALL () {
            ${TYPE_BRANCHES}
          }
          RETURN count(r) AS total
        }
        CALL () {
          CALL () {
            ${TYPE_BRANCHES}
          }
          WITH r ORDER BY r.id LIMIT $first
          RETURN collect(r ${ROW}) AS nodes
        }
        RETURN { totalCount: total, nodes: nodes } AS page
        """
        columnName: "page"
      )

    "A shortest path over the relationship vocabulary (direction ignored, at most 6 hops, as actor-graph's default); null when none."
    shortestPath(fromId: ID!, toId: ID!): Path
      @cypher(
        statement: """
        MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
        MATCH p = shortestPath((a)-[rs:${TYPE_LIST}*1..6]-(b))
        RETURN {
          length: length(p),
          nodes: [e IN nodes(p) | e {.id, .name}],
          edges: [r IN relationships(p) | r ${ROW}]
        } AS path
        LIMIT 1
        """
        columnName: "path"
      )

    "Alternative (not in PEER_OPERATIONS): actor-graph's depth-2 neighbourhood query as one @cypher field."
    neighborhood(entityId: ID!): Subgraph
      @cypher(
        statement: """
        MATCH (c:Entity {id: $entityId})
        CALL (c) {
          MATCH (c)-[:${TYPE_LIST}*1..2]-(n:Entity)
          WHERE n <> c
          RETURN DISTINCT n
          LIMIT 500
        }
        WITH c, [c] + collect(n) AS members
        CALL (members) {
          UNWIND members AS a
          MATCH (a)-[r:${TYPE_LIST}]->(b:Entity)
          WHERE b IN members
          WITH DISTINCT r ORDER BY r.id
          RETURN collect(r ${ROW}) AS edges
        }
        RETURN { nodes: [e IN members | e {.id, .name}], edges: edges } AS subgraph
        """
        columnName: "subgraph"
      )
  }
`;

// ---------------------------------------------------------------------------------------------
// The operations
// ---------------------------------------------------------------------------------------------

const EDGE_FIELDS = 'properties { id stance modality evidenceQuotes evidenceStarts evidenceEnds } node { id name }';

/** actor-graph's search text -> Lucene query, exactly as src/queries/search.ts builds it (words only: nothing can be injected). */
export function luceneQuery(text) {
  const words = (String(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
  if (words.length === 0) return '""';
  const last = words[words.length - 1];
  return [`"${words.join(' ')}"^4`, `(${words.join(' AND ')})^2`, ...words, ...(last.length >= 2 ? [`${last}*`] : [])].join(' ');
}

/**
 * The peer's closest equivalent of each benchmark operation, for the given relationship types
 * (default: the four the synthetic graphs use; pass RELATION_TYPES for the article seed).
 * Each: { query, variables(params) }; params are actor-graph's (name, id, type, stance, fromId, toId, text).
 */
export function buildPeerOperations(types = BENCH_TYPES) {
  const connections = (args, inner) =>
    types
      .flatMap((t) => [`${fieldStem(t)}OutConnection`, `${fieldStem(t)}InConnection`])
      .map((f) => `${f}${args} { ${inner} }`)
      .join('\n      ');

  return {
    // actor-graph: { entity(name: $name) { id name kind aliases } } — matches the name OR an alias,
    // ignoring case (through (:Name {key})). Generated equivalent: an exact match on `name` (the
    // entity_name range index serves it). Case-insensitive alias matching is possible with
    // generated queries only by querying the Name nodes: see PEER_ALTERNATIVES.entityByNameKey.
    entityByName: {
      query: `query entityByName($name: String!) {
  entities(where: { name: { eq: $name } }, limit: 1) { id name kind aliases }
}`,
      variables: ({ name }) => ({ name }),
    },

    // actor-graph: one page of 20 relationships of all types, both directions, ordered by id.
    // @neo4j/graphql has one relationship field per type and direction, so a user writes one
    // connection per type and direction, each `first: 20` sorted by edge id: up to 20 per
    // connection (8 connections for the 4 benchmark types: up to 160, more than actor-graph's 20
    // in all). The relationship's type and direction are the connection's name (source = parent
    // for …Out, = node for …In); evidence comes as the stored parallel lists. Chosen over a single
    // @cypher field because this is the library's own way to read relationships with properties.
    entityWithRelationships: {
      query: `query entityWithRelationships($id: ID!) {
  entities(where: { id: { eq: $id } }) {
    id name
      ${connections('(first: 20, sort: [{ edge: { id: ASC } }])', `edges { ${EDGE_FIELDS} }`)}
  }
}`,
      variables: ({ id }) => ({ id }),
    },

    // actor-graph: a root page of relationships filtered by type and stance, with totalCount.
    // @neo4j/graphql generates no root query over relationships (only per-node connections), so
    // the equivalent is a @cypher Query field returning the page and its total in one query.
    relationshipsPage: {
      query: `query relationshipsPage($type: RelationType!, $stance: Stance!) {
  relationshipsPage(type: $type, stance: $stance, first: 20) { totalCount nodes { id type sourceId targetId } }
}`,
      variables: ({ type, stance }) => ({ type, stance }),
    },

    // actor-graph: entities within 2 hops (any direction) and the relationships among them.
    // Generated equivalent: nested connections two levels deep, every type and direction at each
    // level (8 + 8×8 = 72 connections for the 4 types). Returns a tree, not a set: the client
    // dedupes nodes and edges (check.mjs does), and relationships between two depth-2 entities
    // are not included. The one-query @cypher version is PEER_ALTERNATIVES.neighborhoodCypher.
    neighborhood: {
      query: `query neighborhood($id: ID!) {
  entities(where: { id: { eq: $id } }) {
    id name
    ...Hop1
  }
}
fragment Hop1 on Entity {
      ${connections('', 'edges { properties { id } node { id name ...Hop2 } }')}
}
fragment Hop2 on Entity {
      ${connections('', 'edges { properties { id } node { id name } }')}
}`,
      variables: ({ id }) => ({ id }),
    },

    // No generated path query: a @cypher Query field (same Cypher shape as actor-graph's).
    shortestPath: {
      query: `query shortestPath($fromId: ID!, $toId: ID!) {
  shortestPath(fromId: $fromId, toId: $toId) { length nodes { id name } edges { id type } }
}`,
      variables: ({ fromId, toId }) => ({ fromId, toId }),
    },

    // The library's generated full-text query (@fulltext on Entity over the existing "search"
    // index). Its `phrase` goes to Lucene as is, so the client sends the same word-only Lucene
    // query actor-graph builds server-side (safe, and the same ranking work for Neo4j).
    // Entities only (the generated query keeps :Entity hits); the synthetic graphs have no documents.
    search: {
      query: `query search($phrase: String!) {
  searchEntities(phrase: $phrase, first: 10) { edges { score node { id } } }
}`,
      variables: ({ text }) => ({ phrase: luceneQuery(text) }),
    },
  };
}

export const PEER_OPERATIONS = buildPeerOperations(BENCH_TYPES);

/** Other ways to write two of the operations, for comparison (not the benchmark's choice). */
export const PEER_ALTERNATIVES = {
  // Same semantics as actor-graph (name or alias, ignoring case and whitespace), generated query
  // only, index seek on Name.key; the client normalises the key as actor-graph's nameKey does.
  entityByNameKey: {
    query: `query entityByNameKey($key: String!) {
  names(where: { key: { eq: $key } }, limit: 1) { entity { id name kind aliases } }
}`,
    variables: ({ name }) => ({ key: String(name).normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase() }),
  },
  // The neighbourhood as one @cypher field: the same set of nodes and edges as actor-graph.
  neighborhoodCypher: {
    query: `query neighborhoodCypher($id: ID!) {
  neighborhood(entityId: $id) { nodes { id name } edges { id type sourceId targetId } }
}`,
    variables: ({ id }) => ({ id }),
  },
};

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

/**
 * Starts the peer: Apollo Server 5 (standalone, 127.0.0.1:port) over the @neo4j/graphql schema.
 * Returns { url, stop }; stop closes the HTTP server and the driver.
 */
export async function startPeer({ uri, database = 'neo4j', port = 0, queryTimeoutMs = 5000, debug = false }) {
  if (!uri) throw new Error('startPeer: uri is required');
  // Neo4j runs without auth (the embedded launcher; actor-graph's Docker setup would need basic auth).
  const driver = neo4j.driver(uri, { scheme: 'none', principal: '', credentials: '' });
  try {
    await driver.verifyConnectivity({ database });
    const schema = await new Neo4jGraphQL({ typeDefs, driver, debug }).getSchema();
    const server = new ApolloServer({ schema });
    const { url } = await startStandaloneServer(server, {
      listen: { port, host: '127.0.0.1' },
      // @neo4j/graphql 7 reads the database from the context's sessionConfig (default "neo4j");
      // `transaction.timeout` is the transaction timeout, like actor-graph's NEO4J_QUERY_TIMEOUT_MS.
      context: async () => ({ sessionConfig: { database }, transaction: { timeout: queryTimeoutMs } }),
    });
    let stopped = false;
    return {
      url,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          await server.stop();
        } finally {
          await driver.close();
        }
      },
    };
  } catch (error) {
    await driver.close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// CLI: node bench/peer/server.mjs --uri bolt://127.0.0.1:7687 [--port 4001] [--database neo4j] [--print-schema]
// ---------------------------------------------------------------------------------------------

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const arg = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
  };
  if (process.argv.includes('--print-schema')) {
    const { printSchema } = await import('graphql');
    console.log(printSchema(await new Neo4jGraphQL({ typeDefs }).getSchema()));
  } else {
    const uri = arg('uri', process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687');
    const peer = await startPeer({ uri, database: arg('database', 'neo4j'), port: Number(arg('port', '4001')) });
    console.log(`peer (@neo4j/graphql) at ${peer.url} over ${uri}`);
    const shutdown = () => peer.stop().then(() => process.exit(0), () => process.exit(1));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  }
}
