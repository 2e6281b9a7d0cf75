import { contentHash, curatedDocumentId, curatedRelationshipId, globalId, nameKey, nodeTypeOf, relationshipEnds, relationshipKey, slugify } from '../../src/model/ids';

describe('global ids', () => {
  it('carry their type', () => {
    expect(globalId('Entity', 'nato')).toBe('entity:nato');
    expect(nodeTypeOf('entity:nato')).toBe('Entity');
    expect(nodeTypeOf('document:nato-liaison-office-japan')).toBe('Document');
  });

  it.each([
    ['relationship:nato:LEADS:japan', 'Relationship'],
    ['document:a:b', 'Document'],
    ['entity:x', 'Entity'],
  ])('route %j to %s by its prefix alone', (id, type) => {
    expect(nodeTypeOf(id)).toBe(type);
  });

  it.each(['', 'nato', 'entity:', ':nato', 'person:x', 'Entity:nato', "entity'}) MATCH (n) DETACH DELETE n //"])('do not route %j', (id) => {
    expect(nodeTypeOf(id)).toBeNull();
  });
});

describe('nameKey', () => {
  it('ignores case and surrounding or repeated whitespace', () => {
    expect(nameKey('  NATO ')).toBe('nato');
    expect(nameKey('United   States')).toBe('united states');
    expect(nameKey('Republic of Korea')).toBe(nameKey('republic OF korea'));
  });
});

describe('curated ids', () => {
  it('make slugs from names, in ASCII', () => {
    expect(slugify('Republic of Korea')).toBe('republic-of-korea');
    expect(slugify('  Đà Nẵng!! ')).toBe('da-nang');
    expect(slugify('日本')).toBe('');
  });

  it('name every part of a relationship identity, and its ends can be read back', () => {
    const identity = { sourceId: 'entity:nato', type: 'CONCERNED_ABOUT', targetId: 'entity:china', stance: 'ADVERSARIAL', modality: 'ATTRIBUTED', attributedToId: 'entity:japan' };
    expect(curatedRelationshipId(identity)).toBe('relationship:nato:CONCERNED_ABOUT:china:ADVERSARIAL:ATTRIBUTED:japan');
    expect(relationshipKey(identity)).toBe('entity:nato|CONCERNED_ABOUT|entity:china|ADVERSARIAL|ATTRIBUTED|entity:japan');
    expect(relationshipKey({ ...identity, stance: 'NEUTRAL' })).not.toBe(relationshipKey(identity));
    expect(relationshipEnds('relationship:nato:CONCERNED_ABOUT:china:ADVERSARIAL:ATTRIBUTED:japan')).toEqual({ sourceId: 'entity:nato', targetId: 'entity:china' });
    expect(relationshipEnds('relationship:nato:COUNTERS:china')).toEqual({ sourceId: 'entity:nato', targetId: 'entity:china' });
    expect(relationshipEnds('relationship:nato::china')).toBeNull();
    expect(relationshipEnds('entity:nato')).toBeNull();
  });

  it('identify a document by its title and text', () => {
    const hash = contentHash('Title', 'Text');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash('Title', 'Text ')).not.toBe(hash);
    expect(contentHash('TitleT', 'ext')).not.toBe(contentHash('Title', 'Text'));
    expect(curatedDocumentId('NATO in Asia: a view', hash)).toBe(`document:nato-in-asia-a-view-${hash.slice(0, 12)}`);
  });
});
