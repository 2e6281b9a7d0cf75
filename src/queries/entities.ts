/**
 * Entity reads. Each function is one named, parameterised Cypher query returning model objects.
 */
import type { Executor, Neo4jRecord } from '../neo4j/driver';
import { int, toNumber } from '../neo4j/driver';
import type { EntityKind, EntityModel, Page } from '../model';
import { nameKey } from '../model/ids';

/** Keyset position in the by-name order: the last entity of the previous page. */
export interface EntityPosition {
  name: string;
  id: string;
}

const ENTITY_KEYS = ['id', 'name', 'kind', 'aliases', 'description', 'wikidata', 'iso3'] as const;
export const ENTITY_PROJECTION = `e {${ENTITY_KEYS.map((k) => `.${k}`).join(', ')}}`;

/** The same map for an entity that is an expression (e.g. `startNode(r)`), where map projection cannot apply. */
export const entityMapOf = (expression: string): string => `{${ENTITY_KEYS.map((k) => `${k}: ${expression}.${k}`).join(', ')}}`;

export function toEntity(value: unknown): EntityModel {
  const v = value as Record<string, unknown>;
  return {
    id: v.id as string,
    name: v.name as string,
    kind: v.kind as EntityKind,
    aliases: (v.aliases as string[] | null) ?? [],
    description: (v.description as string | null) ?? null,
    wikidata: (v.wikidata as string | null) ?? null,
    iso3: (v.iso3 as string | null) ?? null,
  };
}

/** Entities by id, in the order asked, null where none has the id (a DataLoader batch function). */
export function findEntitiesByIds(db: Executor, ids: readonly string[]): Promise<(EntityModel | null)[]> {
  // Query: entitiesByIds
  return db.read(
    `UNWIND $ids AS id
     OPTIONAL MATCH (e:Entity {id: id})
     RETURN CASE WHEN e IS NULL THEN null ELSE ${ENTITY_PROJECTION} END AS entity`,
    { ids },
    (records) => records.map((r: Neo4jRecord) => (r.get('entity') === null ? null : toEntity(r.get('entity')))),
  );
}

/** The entity whose name or alias matches, ignoring case and surrounding whitespace. */
export function findEntityByName(db: Executor, name: string): Promise<EntityModel | null> {
  // Query: entityByName
  return db.read(
    `MATCH (:Name {key: $key})-[:NAMES]->(e:Entity)
     RETURN ${ENTITY_PROJECTION} AS entity
     LIMIT 1`,
    { key: nameKey(name) },
    (records) => (records[0] === undefined ? null : toEntity(records[0].get('entity'))),
  );
}

export interface EntityListArgs {
  kinds: EntityKind[] | null;
  search: string | null;
  first: number;
  after: EntityPosition | null;
}

/**
 * One page of entities ordered by (name, id), with the total matching count, in one query.
 * `search` is a case-insensitive substring of a name or alias, answered by the text index on Name.key.
 */
export function listEntities(db: Executor, { kinds, search, first, after }: EntityListArgs): Promise<Page<EntityModel>> {
  const key = search === null ? null : nameKey(search);
  const matching =
    key === null || key === ''
      ? 'MATCH (e:Entity) WHERE ($kinds IS NULL OR e.kind IN $kinds)'
      : `MATCH (n:Name) WHERE n.key CONTAINS $key
         MATCH (n)-[:NAMES]->(e:Entity) WHERE ($kinds IS NULL OR e.kind IN $kinds)
         WITH DISTINCT e`;
  // Query: entitiesPage
  return db.read(
    `CALL () {
       ${matching}
       RETURN count(e) AS total
     }
     CALL () {
       ${matching}
       WITH e WHERE $after IS NULL OR e.name > $after.name OR (e.name = $after.name AND e.id > $after.id)
       WITH e ORDER BY e.name, e.id LIMIT $limit
       RETURN collect(${ENTITY_PROJECTION}) AS page
     }
     RETURN total, page`,
    { kinds, key, after, limit: int(first + 1) },
    (records) => {
      const record = records[0];
      const page = record === undefined ? [] : (record.get('page') as unknown[]).map(toEntity);
      return {
        items: page.slice(0, first),
        hasNextPage: page.length > first,
        totalCount: record === undefined ? 0 : toNumber(record.get('total')),
      };
    },
  );
}
