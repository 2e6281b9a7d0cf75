import { globalId, nameKey, nodeTypeOf } from '../../src/model/ids';

describe('global ids', () => {
  it('carry their type', () => {
    expect(globalId('Entity', 'nato')).toBe('entity:nato');
    expect(nodeTypeOf('entity:nato')).toBe('Entity');
    expect(nodeTypeOf('document:nato-liaison-office-japan')).toBe('Document');
  });

  it.each(['', 'nato', 'entity:', ':nato', 'person:x', "entity'}) MATCH (n) DETACH DELETE n //"])('do not route %j', (id) => {
    expect(nodeTypeOf(id)).toBe(id.startsWith('entity:') && id.length > 7 ? 'Entity' : null);
  });
});

describe('nameKey', () => {
  it('ignores case and surrounding or repeated whitespace', () => {
    expect(nameKey('  NATO ')).toBe('nato');
    expect(nameKey('United   States')).toBe('united states');
    expect(nameKey('Republic of Korea')).toBe(nameKey('republic OF korea'));
  });
});
