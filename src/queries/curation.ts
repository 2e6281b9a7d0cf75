/**
 * The curation writes, one unit of work each. Every one takes the change log's write lock first
 * (writers run one at a time: see changes.ts), checks its input against the stored graph, and
 * either writes its change together with a `Change` record or throws before anything commits:
 * a refused write leaves the graph, the counts and the log exactly as they were. A write with
 * nothing to do (the same document again, evidence already there) records no change.
 */
import type { CypherExecutor, ManagedTransaction } from '../neo4j/driver';
import { int, toNumber } from '../neo4j/driver';
import { run, statement } from '../neo4j/statement';
import { InvalidInput } from '../model/errors';
import type { DocumentModel, EntityKind, EntityModel, Modality, RelationshipModel, RelationType, Stance } from '../model';
import { contentHash, curatedDocumentId, curatedRelationshipId, globalId, nameKey, nodeTypeOf, relationshipEnds, relationshipKey, slugify } from '../model/ids';
import { cleanAliases, iso3Problem, MAX_NAME_LENGTH, nameRows, wikidataProblem } from '../model/entity';
import { locateQuote, shownQuote } from '../model/text';
import { isRelationType, RETRACTED, STORED_RELATIONSHIP_TYPES } from '../model/vocabulary';
import { lockWrites, recordChange, recordedSeq } from './changes';
import { ENTITY_PROJECTION, toEntity } from './entities';
import { documentProjection, toDocument } from './documents';
import { documentsThatMayName, refreshMentions } from './mentions';
import { RELATIONSHIP_BY_ID_PROJECTION, toRelationship } from './relationships';
import {
  adjustRelationshipCounts,
  createCuratedDocument,
  createCuratedEntity,
  findNameOwners,
  reinstateRelationship,
  replaceEntity,
  retractRelationship as retractStatement,
  stateRelationships,
  updateDocumentRelationshipIds,
  type EntityRow,
  type RelationshipRow,
} from './writes';

/** Who writes: the token's subject, recorded as `Change.by`. */
export type Author = string;

export const MAX_TITLE_LENGTH = 500;
export const MAX_REASON_LENGTH = 2_000;

function refuse(problems: string[], argumentName?: string): never {
  throw new InvalidInput(problems.join('; '), argumentName);
}

/**
 * Writers of this process queue here before they open a transaction: the change log's lock
 * admits one writer at a time anyway, and a writer waiting inside Neo4j holds a transaction
 * whose timeout runs while it waits (20 identical writes at once timed out that way). Across
 * processes the lock alone orders them.
 */
let writeQueue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const result = writeQueue.then(work, work);
  writeQueue = result.catch(() => undefined);
  return result;
}

/**
 * A curation unit of work: queued, then one write transaction that first takes the change log's
 * lock. The change it recorded is reported once committed, before the mutation answers: the
 * graph version (and with it every cached answer) moves before the writer can read again.
 */
function write<T>(db: CypherExecutor, name: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  return oneAtATime(async () => {
    let seq: number | undefined;
    const result = await db.writeTransaction(async (tx) => {
      await lockWrites(tx);
      const value = await work(tx);
      seq = recordedSeq(tx);
      return value;
    }, name);
    if (seq !== undefined) db.changeCommitted(seq);
    return result;
  });
}

// --- documents -----------------------------------------------------------------------------

export interface AddDocumentInput {
  title: string;
  text: string;
  url?: string | null;
  publishedAt?: string | null;
}

export function addDocument(db: CypherExecutor, by: Author, input: AddDocumentInput): Promise<DocumentModel> {
  const title = input.title.trim();
  const problems: string[] = [];
  if (title === '') problems.push('title must not be empty');
  if (title.length > MAX_TITLE_LENGTH) problems.push(`title must be at most ${MAX_TITLE_LENGTH} characters, got ${title.length}`);
  if (input.text.trim() === '') problems.push('text must not be empty');
  const url = input.url ?? null;
  if (url !== null && !isHttpUrl(url)) problems.push(`url must be an absolute http(s) URL, got ${JSON.stringify(url.slice(0, 200))}`);
  if (problems.length > 0) refuse(problems.map((p) => `addDocument: ${p}`));

  const hash = contentHash(title, input.text);
  return write(db, 'addDocument', async (tx) => {
    const existing = await run(tx, statement('document.by-content', `MATCH (d:Document {contentHash: $hash}) RETURN ${documentProjection('d')} AS document`, { hash }));
    if (existing[0] !== undefined) return toDocument(existing[0].get('document'));
    const id = curatedDocumentId(title, hash);
    await run(tx, createCuratedDocument({ id, title, text: input.text, contentHash: hash, url, publishedAt: input.publishedAt ?? null }));
    await refreshMentions(tx, [id]);
    await recordChange(tx, { by, kind: 'DOCUMENT_ADDED', nodeId: id });
    return readDocument(tx, id);
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && value.length <= 2_000;
  } catch {
    return false;
  }
}

async function readDocument(tx: ManagedTransaction, id: string): Promise<DocumentModel> {
  const records = await run(tx, statement('document.read', `MATCH (d:Document {id: $id}) RETURN ${documentProjection('d')} AS document`, { id }));
  return toDocument(records[0]?.get('document'));
}

// --- entities ------------------------------------------------------------------------------

export interface AddEntityInput {
  name: string;
  kind: EntityKind;
  aliases?: readonly string[] | null;
  description?: string | null;
  wikidataId?: string | null;
  iso3?: string | null;
}

export interface UpdateEntityInput {
  name?: string | null;
  aliases?: readonly string[] | null;
  description?: string | null;
  wikidataId?: string | null;
  iso3?: string | null;
}

function entityRow(id: string, kind: string, name: string, aliases: readonly string[], description: string | null, wikidata: string | null, iso3: string | null): EntityRow {
  const cleaned = cleanAliases(name, aliases);
  return { id, kind, name, aliases: cleaned, aliasText: cleaned.join('\n'), description, wikidata, iso3, names: nameRows(name, cleaned) };
}

function entityFieldProblems(row: EntityRow, aliases: readonly string[]): string[] {
  const problems: string[] = [];
  if (row.name === '') problems.push('name must not be empty');
  for (const label of [row.name, ...aliases]) {
    if (label.length > MAX_NAME_LENGTH) problems.push(`names and aliases must be at most ${MAX_NAME_LENGTH} characters, got one of ${label.length}`);
  }
  if (aliases.some((a) => a.trim() === '')) problems.push('aliases must not be empty strings');
  if (row.description !== null && row.description.length > 5_000) problems.push(`description must be at most 5000 characters, got ${row.description.length}`);
  for (const p of [wikidataProblem(row.wikidata), iso3Problem(row.iso3)]) if (p !== null) problems.push(p);
  return problems;
}

/** Refuses names or aliases that already name another entity. */
async function checkNamesFree(tx: ManagedTransaction, row: EntityRow, labels: readonly string[], self: string | null, field: string): Promise<void> {
  const owners = await run(tx, findNameOwners(row.names.map((n) => n.key)));
  const taken = owners.filter((r) => r.get('owner') !== self);
  if (taken.length === 0) return;
  const labelOf = (key: string): string => labels.find((l) => nameKey(l) === key) ?? key;
  refuse(
    taken.map((r) => `${field}: name or alias ${JSON.stringify(labelOf(r.get('key') as string))} already names entity ${r.get('owner') as string} (${JSON.stringify(r.get('ownerName'))})`),
  );
}

export function addEntity(db: CypherExecutor, by: Author, input: AddEntityInput): Promise<EntityModel> {
  const name = input.name.trim();
  const aliases = input.aliases ?? [];
  const slug = slugify(name);
  const id = globalId('Entity', slug);
  const row = entityRow(id, input.kind, name, aliases, emptyToNull(input.description), emptyToNull(input.wikidataId), emptyToNull(input.iso3));
  const problems = entityFieldProblems(row, aliases);
  if (name !== '' && slug === '') problems.push(`name ${JSON.stringify(name)} has no letter or digit to make an id from`);
  if (problems.length > 0) refuse(problems.map((p) => `addEntity: ${p}`));

  return write(db, 'addEntity', async (tx) => {
    await checkNamesFree(tx, row, [name, ...aliases], null, 'addEntity');
    const clash = await run(tx, statement('entity.id-taken', 'OPTIONAL MATCH (e:Entity {id: $id}) OPTIONAL MATCH (r:Redirect {id: $id}) RETURN e.name AS name, r IS NOT NULL AS redirect', { id }));
    const taken = clash[0];
    if (taken !== undefined && (taken.get('name') !== null || taken.get('redirect') === true)) {
      refuse([`addEntity: the id ${id} made from the name is taken by ${taken.get('redirect') === true ? 'an entity merged into another' : `entity ${JSON.stringify(taken.get('name'))}`}; give a more specific name`]);
    }
    await run(tx, createCuratedEntity(row));
    await refreshMentions(tx, await documentsThatMayName(tx, [row.name, ...row.aliases]));
    await recordChange(tx, { by, kind: 'ENTITY_ADDED', nodeId: id });
    return readEntity(tx, id);
  });
}

export function updateEntity(db: CypherExecutor, by: Author, id: string, input: UpdateEntityInput): Promise<EntityModel> {
  return write(db, 'updateEntity', async (tx) => {
    const currentId = await resolveEntity(tx, id, 'id');
    const current = await readEntity(tx, currentId);
    const name = input.name === undefined || input.name === null ? current.name : input.name.trim();
    const aliases = input.aliases ?? current.aliases;
    const pick = (given: string | null | undefined, now: string | null): string | null => (given === undefined ? now : emptyToNull(given));
    const row = entityRow(currentId, current.kind, name, aliases, pick(input.description, current.description), pick(input.wikidataId, current.wikidata), pick(input.iso3, current.iso3));
    const problems = entityFieldProblems(row, aliases);
    if (problems.length > 0) refuse(problems.map((p) => `updateEntity: ${p}`));
    const unchanged =
      row.name === current.name &&
      JSON.stringify(row.aliases) === JSON.stringify(current.aliases) &&
      row.description === current.description &&
      row.wikidata === current.wikidata &&
      row.iso3 === current.iso3;
    if (unchanged) return current;
    await checkNamesFree(tx, row, [name, ...aliases], currentId, 'updateEntity');
    const mentioning = await documentsMentioning(tx, [currentId]);
    await run(tx, replaceEntity(row));
    await refreshMentions(tx, [...mentioning, ...(await documentsThatMayName(tx, [row.name, ...row.aliases]))]);
    await recordChange(tx, { by, kind: 'ENTITY_UPDATED', nodeId: currentId });
    return readEntity(tx, currentId);
  });
}

function emptyToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

async function readEntity(tx: ManagedTransaction, id: string): Promise<EntityModel> {
  const records = await run(tx, statement('entity.read', `MATCH (e:Entity {id: $id}) RETURN ${ENTITY_PROJECTION} AS entity`, { id }));
  return toEntity(records[0]?.get('entity'));
}

async function documentsMentioning(tx: ManagedTransaction, entityIds: string[]): Promise<string[]> {
  const records = await run(tx, statement('mentions.documents-of-entities', 'MATCH (d:Document)-[:MENTIONS]->(e:Entity) WHERE e.id IN $ids RETURN DISTINCT d.id AS id', { ids: entityIds }));
  return records.map((r) => r.get('id') as string);
}

/** The entity an ID names now (following merges), or a refusal naming the argument. */
async function resolveEntity(tx: ManagedTransaction, id: string, argumentName: string): Promise<string> {
  if (nodeTypeOf(id) !== 'Entity') refuse([`${argumentName}: ${JSON.stringify(id.slice(0, 200))} is not an entity id (they look like entity:nato)`], argumentName);
  const records = await run(
    tx,
    statement(
      'entity.resolve',
      `OPTIONAL MATCH (e:Entity {id: $id})
       OPTIONAL MATCH (:Redirect {id: $id})-[:REDIRECTS_TO]->(k:Entity)
       RETURN coalesce(e.id, k.id) AS id`,
      { id },
    ),
  );
  const resolved = records[0]?.get('id') as string | null | undefined;
  if (resolved === null || resolved === undefined) refuse([`${argumentName}: there is no entity ${id}`], argumentName);
  return resolved;
}

// --- relationships -------------------------------------------------------------------------

export interface EvidenceInput {
  documentId: string;
  quote: string;
  occurrence?: number | null;
}

export interface AssertRelationshipInput {
  sourceId: string;
  type: RelationType;
  targetId: string;
  stance: Stance;
  modality: Modality;
  attributedToId?: string | null;
  evidence: readonly EvidenceInput[];
}

export const MAX_EVIDENCE_PER_ASSERTION = 50;

export function assertRelationship(db: CypherExecutor, by: Author, input: AssertRelationshipInput): Promise<RelationshipModel> {
  const problems: string[] = [];
  if (!isRelationType(input.type)) problems.push(`type must be a relationship type of the vocabulary, got ${JSON.stringify(input.type)}`);
  const attributedTo = input.attributedToId ?? null;
  if (input.modality === 'ATTRIBUTED' && attributedTo === null) problems.push('attributedToId is required for an ATTRIBUTED relationship: the entity whose claim it is');
  if (input.modality !== 'ATTRIBUTED' && attributedTo !== null) problems.push('attributedToId is only for ATTRIBUTED relationships');
  if (input.evidence.length === 0) problems.push('evidence must hold at least one passage that states the relationship');
  if (input.evidence.length > MAX_EVIDENCE_PER_ASSERTION) problems.push(`evidence may hold at most ${MAX_EVIDENCE_PER_ASSERTION} passages, got ${input.evidence.length}`);
  input.evidence.forEach((e, i) => {
    if (e.quote === '') problems.push(`evidence #${i + 1}: the quote is empty`);
    if (e.occurrence === null) problems.push(`evidence #${i + 1}: occurrence must be given (1 for the first time the quote occurs), got null`);
  });
  if (problems.length > 0) refuse(problems.map((p) => `assertRelationship: ${p}`));

  return write(db, 'assertRelationship', async (tx) => {
    const sourceId = await resolveEntity(tx, input.sourceId, 'sourceId');
    const targetId = await resolveEntity(tx, input.targetId, 'targetId');
    const attributedToId = attributedTo === null ? null : await resolveEntity(tx, attributedTo, 'attributedToId');
    if (sourceId === targetId) refuse(['assertRelationship: source and target are the same entity']);
    const evidence = await locateEvidence(tx, input.evidence);
    const identity = { sourceId, type: input.type, targetId, stance: input.stance, modality: input.modality, attributedToId };
    const key = relationshipKey(identity);

    const retracted = await run(tx, statement('relationship.retracted-by-key', `MATCH (:Entity {id: $sourceId})-[x:${RETRACTED} {key: $key}]->(:Entity {id: $targetId}) RETURN x.id AS id`, { sourceId, targetId, key }));
    const reinstated = retracted[0] !== undefined;
    if (reinstated) await run(tx, reinstateRelationship(input.type, retracted[0]?.get('id') as string));

    const row: RelationshipRow = {
      key,
      id: curatedRelationshipId(identity),
      source: sourceId,
      target: targetId,
      stance: input.stance,
      modality: input.modality,
      attributedTo: attributedToId,
      quotes: evidence.map((e) => e.quote),
      starts: evidence.map((e) => e.start),
      ends: evidence.map((e) => e.end),
      documents: evidence.map((e) => e.documentId),
      origins: evidence.map(() => 'curated'),
    };
    const stated = (await run(tx, stateRelationships(input.type, [row], { stripSeed: false, seeded: false })))[0];
    if (stated === undefined) throw new Error('assertRelationship: the relationship was not written');
    const id = stated.get('id') as string;
    const created = stated.get('created') as boolean;
    const added = toNumber(stated.get('added'));
    if (created || reinstated) {
      await run(tx, adjustRelationshipCounts([{ type: input.type, stance: input.stance, modality: input.modality, delta: 1 }]));
      await recordChange(tx, { by, kind: 'RELATIONSHIP_ASSERTED', nodeId: id });
    } else if (added > 0) {
      await recordChange(tx, { by, kind: 'EVIDENCE_ADDED', nodeId: id });
    }
    if (created || reinstated || added > 0) {
      await run(tx, updateDocumentRelationshipIds([...new Set(await documentsOf(tx, id))].map((document) => ({ document, add: [id], remove: [] }))));
    }
    return readRelationship(tx, id);
  });
}

/** Each quote's span in its document's stored text; every problem at once, naming document and quote. */
async function locateEvidence(tx: ManagedTransaction, evidence: readonly EvidenceInput[]): Promise<{ documentId: string; quote: string; start: number; end: number }[]> {
  const ids = [...new Set(evidence.map((e) => e.documentId))];
  const texts = new Map(
    (await run(tx, statement('evidence.document-texts', 'MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.text AS text', { ids }))).map((r) => [r.get('id') as string, r.get('text') as string]),
  );
  const problems: string[] = [];
  const located: { documentId: string; quote: string; start: number; end: number }[] = [];
  evidence.forEach((e, i) => {
    const text = texts.get(e.documentId);
    if (text === undefined) {
      problems.push(`evidence #${i + 1}: there is no document ${JSON.stringify(e.documentId.slice(0, 200))} (quote ${shownQuote(e.quote)})`);
      return;
    }
    const span = locateQuote(text, e.quote, e.occurrence ?? 1, e.documentId);
    if (typeof span === 'string') problems.push(`evidence #${i + 1}: ${span}`);
    else located.push({ documentId: e.documentId, quote: e.quote, ...span });
  });
  if (problems.length > 0) refuse(problems.map((p) => `assertRelationship: ${p}`), 'evidence');
  return located;
}

async function documentsOf(tx: ManagedTransaction, relationshipId: string): Promise<string[]> {
  const ends = relationshipEnds(relationshipId);
  const records = await run(
    tx,
    statement('relationship.documents', 'MATCH (:Entity {id: $sourceId})-[r]->(:Entity {id: $targetId}) WHERE r.id = $id RETURN r.documents AS documents', { id: relationshipId, ...ends }),
  );
  return (records[0]?.get('documents') as string[] | undefined) ?? [];
}

async function readRelationship(tx: ManagedTransaction, id: string): Promise<RelationshipModel> {
  const ends = relationshipEnds(id);
  const records = await run(
    tx,
    statement('relationship.read', `MATCH (:Entity {id: $sourceId})-[r]->(:Entity {id: $targetId}) WHERE r.id = $id RETURN ${RELATIONSHIP_BY_ID_PROJECTION} AS rel`, { id, ...ends }),
  );
  return toRelationship(records[0]?.get('rel'));
}

export function retractRelationship(db: CypherExecutor, by: Author, id: string, reason: string): Promise<RelationshipModel> {
  const why = reason.trim();
  if (why === '') refuse(['retractRelationship: reason must say why the relationship is retracted'], 'reason');
  if (why.length > MAX_REASON_LENGTH) refuse([`retractRelationship: reason must be at most ${MAX_REASON_LENGTH} characters, got ${why.length}`], 'reason');
  const ends = relationshipEnds(id);
  if (ends === null) refuse([`retractRelationship: ${JSON.stringify(id.slice(0, 200))} is not a relationship id`], 'id');

  return write(db, 'retractRelationship', async (tx) => {
    const found = await run(
      tx,
      statement(
        'relationship.find-for-retraction',
        'MATCH (:Entity {id: $sourceId})-[r]->(:Entity {id: $targetId}) WHERE r.id = $id RETURN type(r) AS stored, r.stance AS stance, r.modality AS modality, r.documents AS documents',
        { id, ...ends },
      ),
    );
    const record = found[0];
    if (record === undefined) refuse([`retractRelationship: there is no relationship ${id}`], 'id');
    const type = record.get('stored') as string;
    if (type === RETRACTED) return readRelationship(tx, id);
    if (!isRelationType(type)) throw new Error(`unexpected stored relationship type ${type}`);
    await run(tx, retractStatement(type, id, { reason: why, by }));
    await run(tx, adjustRelationshipCounts([{ type, stance: record.get('stance') as string, modality: record.get('modality') as string, delta: -1 }]));
    await run(tx, updateDocumentRelationshipIds((record.get('documents') as string[]).map((document) => ({ document, add: [], remove: [id] }))));
    await recordChange(tx, { by, kind: 'RELATIONSHIP_RETRACTED', nodeId: id });
    return readRelationship(tx, id);
  });
}

// --- merging -------------------------------------------------------------------------------

interface StoredRelationship {
  id: string;
  stored: string;
  type: RelationType;
  sourceId: string;
  targetId: string;
  stance: Stance;
  modality: Modality;
  attributedToId: string | null;
  props: Record<string, unknown>;
}

/**
 * Merges `mergeId` into `keepId`: names, aliases, relationships (also those attributed to it)
 * and mentions move to the kept entity; relationships that become the same are united (their
 * evidence too); a relationship between the two would join the kept entity to itself and is
 * retracted, with the merge as its reason; the merged ID redirects to the kept entity.
 */
export function mergeEntities(db: CypherExecutor, by: Author, keepId: string, mergeId: string): Promise<EntityModel> {
  return write(db, 'mergeEntities', async (tx) => {
    const keep = await resolveEntity(tx, keepId, 'keepId');
    const merge = await resolveEntity(tx, mergeId, 'mergeId');
    if (keep === merge) refuse([`mergeEntities: ${keepId} and ${mergeId} are the same entity${keepId === mergeId ? '' : ' (one was merged into the other already)'}`]);
    const kept = await readEntity(tx, keep);
    const merged = await readEntity(tx, merge);
    const mentioning = await documentsMentioning(tx, [keep, merge]);

    // Relationships that change: those touching the merged entity or attributed to it, and the
    // kept entity's own (the moved ones may become the same as one of them).
    const touched = await readTouchedRelationships(tx, keep, merge);
    const remap = (id: string): string => (id === merge ? keep : id);
    const groups = new Map<string, StoredRelationship[]>();
    for (const r of touched) {
      const next = { ...r, sourceId: remap(r.sourceId), targetId: remap(r.targetId), attributedToId: r.attributedToId === null ? null : remap(r.attributedToId) };
      const key = next.sourceId === next.targetId ? `self|${r.id}` : relationshipKey(next);
      groups.set(key, [...(groups.get(key) ?? []), next]);
    }
    const deltas: { type: string; stance: string; modality: string; delta: number }[] = [];
    const documentChanges = new Map<string, { add: Set<string>; remove: Set<string> }>();
    const touch = (document: string): { add: Set<string>; remove: Set<string> } => {
      let entry = documentChanges.get(document);
      if (entry === undefined) documentChanges.set(document, (entry = { add: new Set(), remove: new Set() }));
      return entry;
    };
    const rows: { type: string; stored: string; source: string; target: string; props: Record<string, unknown> }[] = [];
    for (const r of touched) {
      if (r.stored !== RETRACTED) deltas.push({ type: r.type, stance: r.stance, modality: r.modality, delta: -1 });
      for (const d of (r.props.documents as string[] | null) ?? []) touch(d).remove.add(r.id);
    }
    for (const [key, members] of groups) {
      const first = members[0] as StoredRelationship;
      const unchangedEnds = members.find((m) => touched.some((t) => t.id === m.id && t.sourceId === m.sourceId && t.targetId === m.targetId));
      const standing = members.filter((m) => m.stored !== RETRACTED);
      const selfLoop = key.startsWith('self|');
      const base = unchangedEnds ?? standing[0] ?? first;
      const id = unchangedEnds?.id ?? curatedRelationshipId(base);
      const props: Record<string, unknown> = { ...(standing[0] ?? first).props, id, key: relationshipKey(base), attributedTo: base.attributedToId, ...unitedEvidence(members) };
      let stored = standing.length > 0 ? base.type : RETRACTED;
      if (selfLoop && stored !== RETRACTED) {
        stored = RETRACTED;
        Object.assign(props, { type: base.type, retractedReason: `${mergeId} was merged into ${keepId}: the relationship would join ${keepId} to itself`, retractedBy: by });
      }
      if (stored === RETRACTED) props.type = base.type;
      else {
        for (const k of ['type', 'retractedReason', 'retractedBy', 'retractedAt']) delete props[k];
        deltas.push({ type: base.type, stance: base.stance, modality: base.modality, delta: 1 });
        for (const d of props.documents as string[]) touch(d).add.add(id);
      }
      rows.push({ type: base.type, stored, source: base.sourceId, target: base.targetId, props });
    }

    await run(
      tx,
      statement(
        'merge.delete-relationships',
        'UNWIND $rows AS row MATCH (:Entity {id: row.source})-[r]->(:Entity {id: row.target}) WHERE r.id = row.id DELETE r',
        { rows: touched.map((r) => ({ id: r.id, source: r.sourceId, target: r.targetId })) },
      ),
    );
    for (const stored of STORED_RELATIONSHIP_TYPES) {
      const ofType = rows.filter((r) => r.stored === stored);
      if (ofType.length === 0) continue;
      await run(
        tx,
        statement(
          `merge.create-relationships.${stored}`,
          `UNWIND $rows AS row
           MATCH (s:Entity {id: row.source}), (t:Entity {id: row.target})
           CREATE (s)-[r:${stored}]->(t)
           SET r = row.props, r.retractedAt = CASE WHEN $retracted AND row.props.retractedAt IS NULL THEN timestamp() ELSE row.props.retractedAt END`,
          { rows: ofType, retracted: stored === RETRACTED },
        ),
      );
    }
    await run(tx, adjustRelationshipCounts(aggregate(deltas)));
    await run(tx, updateDocumentRelationshipIds([...documentChanges].map(([document, c]) => ({ document, add: [...c.add], remove: [...c.remove] }))));

    // Names and aliases: the merged entity's become the kept entity's aliases.
    const row = entityRow(keep, kept.kind, kept.name, [...kept.aliases, merged.name, ...merged.aliases], kept.description ?? merged.description, kept.wikidata ?? merged.wikidata, kept.iso3 ?? merged.iso3);
    await run(
      tx,
      statement(
        'merge.redirect',
        `MATCH (m:Entity {id: $merge}), (k:Entity {id: $keep})
         OPTIONAL MATCH (old:Redirect)-[x:REDIRECTS_TO]->(m)
         DELETE x
         WITH m, k, collect(old) AS olds
         FOREACH (o IN olds | CREATE (o)-[:REDIRECTS_TO]->(k))
         WITH m, k
         OPTIONAL MATCH (n:Name)-[:NAMES]->(m)
         DETACH DELETE n
         WITH DISTINCT m, k
         DETACH DELETE m
         CREATE (:Redirect {id: $merge})-[:REDIRECTS_TO]->(k)`,
        { merge, keep },
      ),
    );
    await run(tx, replaceEntity(row));
    await refreshMentions(tx, mentioning);
    await recordChange(tx, { by, kind: 'ENTITIES_MERGED', nodeId: merge });
    return readEntity(tx, keep);
  });
}

function aggregate(deltas: { type: string; stance: string; modality: string; delta: number }[]): { type: string; stance: string; modality: string; delta: number }[] {
  const sums = new Map<string, { type: string; stance: string; modality: string; delta: number }>();
  for (const d of deltas) {
    const key = `${d.type}|${d.stance}|${d.modality}`;
    const entry = sums.get(key) ?? { ...d, delta: 0 };
    entry.delta += d.delta;
    sums.set(key, entry);
  }
  return [...sums.values()];
}

/** The union of the members' passages (same document and offsets once), in order. */
function unitedEvidence(members: StoredRelationship[]): Record<string, unknown> {
  const quotes: string[] = [];
  // Integers whatever the members hold: a database written before offsets were stored as
  // integers holds floats, and the driver would send them back as floats.
  const starts: ReturnType<typeof int>[] = [];
  const ends: ReturnType<typeof int>[] = [];
  const documents: string[] = [];
  const origins: string[] = [];
  const seen = new Set<string>();
  for (const m of members) {
    const p = m.props;
    (p.evidenceQuotes as string[]).forEach((quote, i) => {
      const key = `${(p.evidenceDocuments as string[])[i]}|${toNumber((p.evidenceStarts as unknown[])[i])}|${toNumber((p.evidenceEnds as unknown[])[i])}`;
      if (seen.has(key)) return;
      seen.add(key);
      quotes.push(quote);
      starts.push(int(toNumber((p.evidenceStarts as unknown[])[i])));
      ends.push(int(toNumber((p.evidenceEnds as unknown[])[i])));
      documents.push((p.evidenceDocuments as string[])[i] as string);
      origins.push(((p.evidenceOrigins as string[] | null) ?? [])[i] ?? 'seed');
    });
  }
  return {
    evidenceQuotes: quotes,
    evidenceStarts: starts,
    evidenceEnds: ends,
    evidenceDocuments: documents,
    evidenceOrigins: origins,
    documents: [...new Set(documents)],
    seeded: members.some((m) => m.props.seeded === true),
  };
}

/**
 * The relationships a merge rewrites: every one at either entity, and those attributed to the
 * merged one. Those are found by a scan of all relationships (no index: merges are rare admin
 * work, and fifteen more indexes slowed every start-up on an empty database by seconds).
 */
async function readTouchedRelationships(tx: ManagedTransaction, keep: string, merge: string): Promise<StoredRelationship[]> {
  const row = 'r.id AS id, type(r) AS stored, coalesce(r.type, type(r)) AS type, startNode(r).id AS source, endNode(r).id AS target, properties(r) AS props';
  const records = await run(
    tx,
    statement(
      'merge.touched-relationships',
      `CALL () {
         MATCH (e:Entity)-[r]-() WHERE e.id IN [$keep, $merge] AND r.id IS NOT NULL RETURN r
         UNION
         MATCH ()-[r]->() WHERE r.attributedTo = $merge RETURN r
       }
       RETURN ${row}`,
      { keep, merge },
    ),
  );
  return records.map((r) => {
    const props = r.get('props') as Record<string, unknown>;
    return {
      id: r.get('id') as string,
      stored: r.get('stored') as string,
      type: r.get('type') as RelationType,
      sourceId: r.get('source') as string,
      targetId: r.get('target') as string,
      stance: props.stance as Stance,
      modality: props.modality as Modality,
      attributedToId: (props.attributedTo as string | null | undefined) ?? null,
      props,
    };
  });
}

