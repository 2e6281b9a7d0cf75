/**
 * Entity reads. Each function is one named, parameterised Cypher query returning model objects.
 */
import type { CypherExecutor, Neo4jRecord } from '../neo4j/driver';
import { int, toNumber } from '../neo4j/driver';
import type { EntityKind, EntityModel, Page } from '../model';
import { nameKey } from '../model/ids';

/** Keyset position in the by-name order: the last entity of the previous page. */
export interface EntityPosition {
  name: string;
  id: string;
}

/**
 * An entity as a row: a list, not a map. Bolt sends every map's keys as strings with every
 * value, and decoding them was most of the driver's time on large answers (a 500-entity
 * neighbourhood decoded in less than half the time as lists). `toEntity` reads the same order.
 */
export const entityRowOf = (v: string): string => `[${v}.id, ${v}.name, ${v}.kind, ${v}.aliases, ${v}.description, ${v}.wikidata, ${v}.iso3]`;

/** The row of the entity bound to `e`. */
export const ENTITY_PROJECTION = entityRowOf('e');

export function toEntity(value: unknown): EntityModel {
  const [id, name, kind, aliases, description, wikidata, iso3] = value as [string, string, EntityKind, string[] | null, string | null, string | null, string | null];
  return { id, name, kind, aliases: aliases ?? [], description: description ?? null, wikidata: wikidata ?? null, iso3: iso3 ?? null };
}

/**
 * Entities by id, in the order asked, null where none has the id (a DataLoader batch function).
 * The id of an entity merged into another answers that other entity, as Wikidata redirects do.
 */
export function findEntitiesByIds(db: CypherExecutor, ids: readonly string[]): Promise<(EntityModel | null)[]> {
  return db.read(
    `UNWIND $ids AS id
     OPTIONAL MATCH (found:Entity {id: id})
     OPTIONAL MATCH (:Redirect {id: id})-[:REDIRECTS_TO]->(kept:Entity)
     WITH coalesce(found, kept) AS e
     RETURN CASE WHEN e IS NULL THEN null ELSE ${ENTITY_PROJECTION} END AS entity`,
    { ids },
    (records) => records.map((r: Neo4jRecord) => (r.get('entity') === null ? null : toEntity(r.get('entity')))),
  );
}

/** The entity whose name or alias matches, ignoring case and surrounding whitespace. */
export function findEntityByName(db: CypherExecutor, name: string): Promise<EntityModel | null> {
  // A key names one entity; no LIMIT, which can tempt the planner into
  // scanning the index until a match instead of seeking when its statistics are stale.
  return db.read(
    `MATCH (:Name {key: $key})-[:NAMES]->(e:Entity)
     RETURN ${ENTITY_PROJECTION} AS entity`,
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
export function listEntities(db: CypherExecutor, { kinds, search, first, after }: EntityListArgs): Promise<Page<EntityModel>> {
  const key = search === null ? null : nameKey(search);
  const matching =
    key === null || key === ''
      ? 'MATCH (e:Entity) WHERE ($kinds IS NULL OR e.kind IN $kinds)'
      : `MATCH (n:Name) WHERE n.key CONTAINS $key
         MATCH (n)-[:NAMES]->(e:Entity) WHERE ($kinds IS NULL OR e.kind IN $kinds)
         WITH DISTINCT e`;
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
