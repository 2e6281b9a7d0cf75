/**
 * The first vertical slice end to end: the real seed in a real Neo4j, queried over HTTP.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { EntitiesPageDocument, EntityByIdDocument, EntityByNameDocument, NodeByIdDocument, type EntitiesPageQuery } from '../../src/generated/operations/graphql';
import { readSeed } from '../../src/seed/read';
import { SEED_DIR } from '../../src/seed/load';
import { errorCodes, expectNoErrors, useSeededApi } from '../support/graphql';

const seed = readSeed(SEED_DIR);

/** entities.yaml as the YAML parser reads it, not the loader: expectations independent of the code under test. */
const seedEntities = (YAML.parse(fs.readFileSync(path.join(SEED_DIR, 'entities.yaml'), 'utf8')) as { name: string; kind: string; aliases?: string[] }[]).sort((a, b) => a.name.localeCompare(b.name));
/** The entities whose name or an alias contains `text`, ignoring case, by name. */
const namedWith = (text: string): typeof seedEntities => seedEntities.filter((e) => [e.name, ...(e.aliases ?? [])].some((n) => n.toLowerCase().includes(text)));

const seeded = useSeededApi();

describe('entity(name:)', () => {
  it('answers NATO for "nato"', async () => {
    const data = expectNoErrors(await seeded.api.query(EntityByNameDocument, { name: 'nato' }));
    expect(data.entity).toMatchObject({ id: 'entity:nato', name: 'NATO', kind: 'ORGANIZATION' });
    expect(data.entity?.aliases).toContain('North Atlantic Treaty Organization');
  });

  it.each([
    ['  North Atlantic Treaty ORGANIZATION ', 'entity:nato'],
    ['US', 'entity:united-states'],
    ['usa', 'entity:united-states'],
    ['Republic of Korea', 'entity:south-korea'],
    ['south   korea', 'entity:south-korea'],
    ['PRC', 'entity:china'],
  ])('matches %j by name or alias, ignoring case and whitespace', async (name, id) => {
    expect(expectNoErrors(await seeded.api.query(EntityByNameDocument, { name })).entity?.id).toBe(id);
  });

  it('finds every seeded entity by its name and each alias', async () => {
    for (const entity of seed.entities) {
      for (const label of [entity.name, ...entity.aliases]) {
        const data = expectNoErrors(await seeded.api.query(EntityByNameDocument, { name: label }));
        expect([label, data.entity?.id]).toEqual([label, `entity:${entity.slug}`]);
      }
    }
  });

  it('answers null for an unknown name', async () => {
    expect(expectNoErrors(await seeded.api.query(EntityByNameDocument, { name: 'Atlantis' })).entity).toBeNull();
  });

  it('answers under any alias, including names JavaScript objects treat specially', async () => {
    // Read as raw JSON: a `__proto__` key must be in the text, not swallowed as a prototype.
    const response = await fetch(seeded.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __proto__: entity(name: "nato") { id } x: entity(name: "japan") { __proto__: id constructor: name toString: kind hasOwnProperty: aliases } }' }),
    });
    const text = await response.text();
    expect(text).toContain('"__proto__":{"id":"entity:nato"}');
    expect(text).toContain('"x":{"__proto__":"entity:japan","constructor":"Japan","toString":"COUNTRY","hasOwnProperty":[');
  });
});

describe('entity(id:)', () => {
  it('answers the entity with that id, or null', async () => {
    expect(expectNoErrors(await seeded.api.query(EntityByIdDocument, { id: 'entity:japan' })).entity).toMatchObject({ name: 'Japan', kind: 'COUNTRY' });
    expect(expectNoErrors(await seeded.api.query(EntityByIdDocument, { id: 'entity:atlantis' })).entity).toBeNull();
  });

  it.each([
    ['both', '{ entity(id: "entity:nato", name: "nato") { id } }'],
    ['neither', '{ entity { id } }'],
  ])('refuses %s of id and name with BAD_USER_INPUT', async (_label, query) => {
    const response = await seeded.api.query(query);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe('entity: give exactly one of `id` or `name`');
  });
});

describe('entities', () => {
  it('lists every entity ordered by name, with the total', async () => {
    const data = expectNoErrors(await seeded.api.query(EntitiesPageDocument, { first: 100 }));
    const names = data.entities.edges.map((e) => e.node.name);
    expect(names).toEqual(seed.entities.map((e) => e.name).sort());
    expect(data.entities.totalCount).toBe(seed.entities.length);
    expect(data.entities.nodes.map((n) => n.id)).toEqual(data.entities.edges.map((e) => e.node.id));
    expect(data.entities.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('pages with first/after consistently: every entity once, in order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages += 1) {
      const page: EntitiesPageQuery['entities'] = expectNoErrors(await seeded.api.query(EntitiesPageDocument, { first: 3, after })).entities;
      expect(page.totalCount).toBe(seed.entities.length);
      expect(page.edges.length).toBeLessThanOrEqual(3);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(seed.entities.map((e) => e.name).sort());
  });

  it('filters by kind', async () => {
    const countries = seedEntities.filter((e) => e.kind === 'COUNTRY').map((e) => e.name).sort();
    expect(countries).toEqual(['Australia', 'China', 'Japan', 'New Zealand', 'South Korea', 'United States']);
    const data = expectNoErrors(await seeded.api.query(EntitiesPageDocument, { kinds: ['COUNTRY'], first: 100 }));
    expect(data.entities.edges.map((e) => e.node.name)).toEqual(countries);
    expect(data.entities.totalCount).toBe(countries.length);
  });

  it('searches names and aliases by case-insensitive substring', async () => {
    const korea = expectNoErrors(await seeded.api.query(EntitiesPageDocument, { search: 'KOREA' }));
    expect(korea.entities.edges.map((e) => e.node.id)).toEqual(['entity:south-korea']);
    const china = expectNoErrors(await seeded.api.query(EntitiesPageDocument, { search: 'china' }));
    expect(china.entities.edges.map((e) => e.node.name)).toEqual(namedWith('china').map((e) => e.name));
    expect(china.entities.totalCount).toBe(namedWith('china').length);
    const seas = expectNoErrors(await seeded.api.query(EntitiesPageDocument, { search: 'china', kinds: ['SEA'] }));
    expect(seas.entities.edges.map((e) => e.node.name)).toEqual(['East China Sea', 'South China Sea']);
    expect(seas.entities.totalCount).toBe(namedWith('china').filter((e) => e.kind === 'SEA').length);
    const atlantic = expectNoErrors(await seeded.api.query(EntitiesPageDocument, { search: 'atlantic' }));
    expect(atlantic.entities.edges.map((e) => e.node.id)).toEqual(['entity:nato']);
  });

  it('answers an empty page for a search that matches nothing', async () => {
    const data = expectNoErrors(await seeded.api.query(EntitiesPageDocument, { search: 'zzz-nothing' }));
    expect(data.entities).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, startCursor: null, endCursor: null } });
  });

  it.each([
    [{ first: 101 }, 'first must be between 0 and 100, got 101'],
    [{ first: -1 }, 'first must be between 0 and 100, got -1'],
    [{ after: 'bogus' }, 'after: not a cursor this API issued'],
  ])('refuses %j with BAD_USER_INPUT', async (variables, message) => {
    const response = await seeded.api.query(EntitiesPageDocument, variables);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toContain(message);
  });
});

describe('node(id:)', () => {
  it('refetches an entity by its id', async () => {
    const data = expectNoErrors(await seeded.api.query(NodeByIdDocument, { id: 'entity:new-zealand' }));
    expect(data.node).toEqual({ __typename: 'Entity', id: 'entity:new-zealand', name: 'New Zealand' });
  });

  it.each(['entity:nowhere', 'nonsense', 'relationship:', "entity:' OR 1=1 //"])('answers null for %j', async (id) => {
    expect(expectNoErrors(await seeded.api.query(NodeByIdDocument, { id })).node).toBeNull();
  });
});
