/**
 * Graph-shaped reads: neighbourhoods and shortest paths. Each is one query whose work is bounded
 * by its caps (depth, length, node count), whatever the size of the graph. Depths and lengths are
 * validated integers before they are written into the pattern (Cypher cannot take them as
 * parameters); everything else is a parameter.
 */
import type { CypherExecutor } from '../neo4j/driver';
import { int } from '../neo4j/driver';
import type { EntityModel, PathModel, RelationshipModel, SubgraphModel } from '../model';
import { ENTITY_PROJECTION, toEntity } from './entities';
import { cypherFilter, RELATIONSHIP_PROJECTION, RELATIONSHIP_WITHOUT_EVIDENCE_PROJECTION, toRelationship, type RelationshipFilter } from './relationships';

function checkedHops(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 20) throw new RangeError(`${what} must be an integer from 1 to 20, got ${value}`);
  return value;
}

/** Relationships whose ends are among `nodes`, with those entities attached (no loader needed for them). */
function withEnds(rows: unknown[], nodes: EntityModel[]): RelationshipModel[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return rows.map((row) => {
    const relationship = toRelationship(row);
    relationship.source = byId.get(relationship.sourceId);
    relationship.target = byId.get(relationship.targetId);
    return relationship;
  });
}

/**
 * The entities within `depth` hops of the centre (direction ignored; the centre first, then by
 * name) and every relationship among them that passes the filter. At most `maxNodes` entities.
 * An unknown centre gives an empty subgraph.
 */
export function findNeighborhood(
  db: CypherExecutor,
  {
    entityId,
    depth,
    filter,
    maxNodes,
    withEvidence,
  }: { entityId: string; depth: number; filter: RelationshipFilter | null | undefined; maxNodes: number; withEvidence: boolean },
): Promise<SubgraphModel> {
  const f = cypherFilter(filter);
  const types = f.typePattern;
  const everyHop = f.predicate === 'true' ? '' : ` AND all(r IN rs WHERE ${f.predicate})`;
  // DISTINCT end nodes let the planner prune the variable-length expansion. One small record per
  // entity and per relationship rather than one record holding both lists: the driver decodes a
  // message longer than a Bolt chunk (64 KB) as a combined buffer, where every string costs a walk
  // over all its chunks and a new decoder (at 500 entities and 1,736 relationships, a quarter of
  // the API's time for the answer).
  return db.read(
    `MATCH (c:Entity {id: $entityId})
     CALL (c) {
       MATCH (c)-[rs${types}*1..${checkedHops(depth, 'depth')}]-(n:Entity)
       WHERE n <> c${everyHop}
       RETURN DISTINCT n
       LIMIT $limit
     }
     WITH c, collect(n) AS others
     WITH others, [c] + others[0..$maxOthers] AS members
     CALL (members) {
       UNWIND members AS a
       MATCH (a)-[r${types}]->(b:Entity)
       WHERE b IN members AND ${f.predicate}
       WITH DISTINCT r ORDER BY r.id
       RETURN collect(${withEvidence ? RELATIONSHIP_PROJECTION : RELATIONSHIP_WITHOUT_EVIDENCE_PROJECTION}) AS edges
     }
     WITH members, edges, size(others) > $maxOthers AS truncated
     CALL (members, edges) {
       UNWIND members AS e
       RETURN true AS isNode, ${ENTITY_PROJECTION} AS row
       UNION ALL
       UNWIND edges AS row
       RETURN false AS isNode, row
     }
     RETURN isNode, row, truncated`,
    { entityId, limit: int(maxNodes), maxOthers: int(maxNodes - 1), ...f.params },
    (records) => {
      if (records.length === 0) return { nodes: [], edges: [], truncated: false };
      const entities: EntityModel[] = [];
      const edgeRows: unknown[] = [];
      for (const record of records) {
        if (record.get('isNode') === true) entities.push(toEntity(record.get('row')));
        else edgeRows.push(record.get('row'));
      }
      const centre = entities.find((e) => e.id === entityId);
      const others = entities.filter((e) => e !== centre).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
      const nodes = centre === undefined ? others : [centre, ...others];
      return { nodes, edges: withEnds(edgeRows, nodes), truncated: records[0]?.get('truncated') === true };
    },
  );
}

/**
 * A shortest path between two distinct entities over relationships that pass the filter,
 * direction ignored, of at most `maxLength` hops; null when there is none.
 */
export function findShortestPath(
  db: CypherExecutor,
  {
    fromId,
    toId,
    maxLength,
    filter,
    withEvidence,
  }: { fromId: string; toId: string; maxLength: number; filter: RelationshipFilter | null | undefined; withEvidence: boolean },
): Promise<PathModel | null> {
  const f = cypherFilter(filter);
  // The filter is checked during the breadth-first search, not after it;
  // one path for the one pair of ends, so no LIMIT: see findEntityByName.
  return db.read(
    `MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
     MATCH p = shortestPath((a)-[rs${f.typePattern}*1..${checkedHops(maxLength, 'maxLength')}]-(b))
     ${f.predicate === 'true' ? '' : `WHERE all(r IN rs WHERE ${f.predicate})`}
     RETURN [e IN nodes(p) | ${ENTITY_PROJECTION}] AS nodes,
            [r IN relationships(p) | ${withEvidence ? RELATIONSHIP_PROJECTION : RELATIONSHIP_WITHOUT_EVIDENCE_PROJECTION}] AS edges`,
    { fromId, toId, ...f.params },
    (records) => {
      const record = records[0];
      if (record === undefined) return null;
      const nodes = (record.get('nodes') as unknown[]).map(toEntity);
      return { nodes, edges: withEnds(record.get('edges') as unknown[], nodes) };
    },
  );
}

