import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import { ByteLru } from '../../src/cache/byte-lru';
import { GraphVersion } from '../../src/cache/graph-version';
import { ANYONE, audienceOf, entityTag, isIntrospection, matchesTag, responseCacheKey } from '../../src/cache/response-cache';
import { loadPersistedDocuments, PersistedDocuments } from '../../src/graphql/persisted-documents';
import { resolvePersisted } from '../../src/http/persisted';
import operationsDocuments from '../../src/generated/operations/persisted-documents.json';
import webDocuments from '../../src/generated/web/persisted-documents.json';

describe('ByteLru', () => {
  it('keeps the total within the byte budget, evicting the least recently used first', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 40);
    lru.set('b', 'B', 40);
    expect(lru.get('a')).toBe('A'); // a is now the most recently used
    lru.set('c', 'C', 40); // 120 > 100: b, the least recently used, leaves
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.get('c')).toBe('C');
    expect(lru.bytes).toBe(80);
    expect(lru.size).toBe(2);
  });

  it('evicts as many entries as it takes for a large one', () => {
    const lru = new ByteLru<number>(100);
    for (let i = 0; i < 10; i += 1) lru.set(`k${i}`, i, 10);
    expect(lru.bytes).toBe(100);
    lru.set('big', 99, 75);
    // 100 + 75 = 175: the eight oldest (80 bytes) must leave to fit, and no more: 95 bytes stay.
    expect(lru.bytes).toBe(95);
    expect(lru.size).toBe(3);
    expect([lru.get('k7'), lru.get('k8'), lru.get('k9'), lru.get('big')]).toEqual([undefined, 8, 9, 99]);
  });

  it('does not store an entry larger than the whole budget, and keeps the rest', () => {
    const lru = new ByteLru<string>(50);
    lru.set('a', 'A', 20);
    expect(lru.set('huge', 'H', 51)).toBe(false);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.bytes).toBe(20);
  });

  it('replacing a key counts only the new size', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 30);
    lru.set('a', 'A2', 50);
    expect(lru.bytes).toBe(50);
    expect(lru.get('a')).toBe('A2');
    lru.clear();
    expect([lru.bytes, lru.size]).toEqual([0, 0]);
  });
});

describe('GraphVersion', () => {
  it('is unknown until started, then only grows, telling listeners of each move', () => {
    const version = new GraphVersion();
    const seen: number[] = [];
    version.onAdvance((seq) => seen.push(seq));
    expect(version.current).toBeUndefined();
    version.start(5);
    expect(version.current).toBe(5);
    version.advance(7);
    version.advance(6); // older: no move
    version.advance(7); // the same: no move
    expect(version.current).toBe(7);
    expect(seen).toEqual([5, 7]);
  });

  it('a write reported before the feed knows the end still counts once it does', () => {
    const version = new GraphVersion();
    version.advance(9);
    expect(version.current).toBeUndefined();
    version.start(8);
    expect(version.current).toBe(9);
  });
});

describe('responseCacheKey', () => {
  const base = { version: 3, audience: ANYONE, queryHash: 'abc', operationName: 'Q', variables: { id: 'x' } };

  it('differs in every part: version, audience, document, operation, variables', () => {
    const keys = new Set([
      responseCacheKey(base),
      responseCacheKey({ ...base, version: 4 }),
      responseCacheKey({ ...base, audience: audienceOf(['editor']) }),
      responseCacheKey({ ...base, queryHash: 'abd' }),
      responseCacheKey({ ...base, operationName: 'R' }),
      responseCacheKey({ ...base, operationName: null }),
      responseCacheKey({ ...base, variables: { id: 'y' } }),
      responseCacheKey({ ...base, variables: undefined }),
    ]);
    expect(keys.size).toBe(8);
  });

  it('is the same for the same request, and no variables equal empty variables', () => {
    expect(responseCacheKey(base)).toBe(responseCacheKey({ ...base, variables: { id: 'x' } }));
    expect(responseCacheKey({ ...base, variables: undefined })).toBe(responseCacheKey({ ...base, variables: {} }));
  });

  it('cannot be forged by a part that contains the separator of another', () => {
    expect(responseCacheKey({ ...base, operationName: 'Q","x' })).not.toBe(responseCacheKey({ ...base, operationName: 'Q', variables: { x: '' } }));
  });
});

describe('audienceOf and entity tags', () => {
  it('ignores the order and repetition of roles', () => {
    expect(audienceOf(['editor', 'admin'])).toBe(audienceOf(['admin', 'editor', 'admin']));
    expect(audienceOf([])).not.toBe(ANYONE);
    expect(audienceOf(['editor'])).not.toBe(audienceOf(['admin']));
  });

  it('tags differ by version and audience, and If-None-Match matches lists, weak forms and *', () => {
    const tag = entityTag(12, ANYONE);
    expect(tag).not.toBe(entityTag(13, ANYONE));
    expect(tag).not.toBe(entityTag(12, audienceOf(['editor'])));
    expect(matchesTag(tag, tag)).toBe(true);
    expect(matchesTag(`"other", ${tag}`, tag)).toBe(true);
    expect(matchesTag(`W/${tag}`, tag)).toBe(true);
    expect(matchesTag('*', tag)).toBe(true);
    expect(matchesTag(entityTag(11, ANYONE), tag)).toBe(false);
    expect(matchesTag(undefined, tag)).toBe(false);
  });
});

describe('isIntrospection', () => {
  it('finds __schema and __type anywhere, also behind fragments, but not __typename', () => {
    expect(isIntrospection(parse('{ __schema { types { name } } }'))).toBe(true);
    expect(isIntrospection(parse('query { ...F } fragment F on Query { __type(name: "Entity") { name } }'))).toBe(true);
    expect(isIntrospection(parse('{ __typename entity(id: "x") { __typename id } }'))).toBe(false);
  });
});

describe('persisted documents', () => {
  const text = 'query Q { __typename }';
  const id = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  const documents = new PersistedDocuments({ [id]: text });

  it('every generated id is the SHA-256 of its text (what Apollo hashes too)', () => {
    const loaded = loadPersistedDocuments();
    expect(loaded.size).toBeGreaterThan(0);
    for (const source of [operationsDocuments, webDocuments] as Record<string, string>[]) {
      for (const [documentId, documentText] of Object.entries(source)) {
        expect(documentId).toBe(`sha256:${createHash('sha256').update(documentText).digest('hex')}`);
        expect(loaded.hasHash(documentId.slice('sha256:'.length))).toBe(true);
      }
    }
  });

  it('POST: a known documentId becomes the text; an unknown one is PERSISTED_QUERY_NOT_FOUND', () => {
    expect(resolvePersisted('POST', { documentId: id, variables: { a: 1 } }, '', documents, false)).toEqual({ ok: true, body: { query: text, variables: { a: 1 } }, search: '', persistedGet: false });
    expect(resolvePersisted('POST', { documentId: 'sha256:00' }, '', documents, false)).toMatchObject({ ok: false, status: 400, code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(resolvePersisted('POST', { documentId: id, query: text }, '', documents, false)).toMatchObject({ ok: false, status: 400, code: 'BAD_REQUEST' });
    expect(resolvePersisted('POST', { documentId: 7 }, '', documents, false)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  });

  it('GET: the documentId parameter becomes the query parameter, and the request is marked persisted', () => {
    const resolved = resolvePersisted('GET', undefined, `?documentId=${encodeURIComponent(id)}&variables=%7B%7D`, documents, false);
    expect(resolved.ok && resolved.persistedGet).toBe(true);
    if (!resolved.ok) throw new Error('refused');
    const params = new URLSearchParams(resolved.search);
    expect(params.get('query')).toBe(text);
    expect(params.get('variables')).toBe('{}');
    expect(params.has('documentId')).toBe(false);
  });

  it('text passes unless only trusted documents may run; then it is FORBIDDEN, over POST and GET', () => {
    expect(resolvePersisted('POST', { query: '{ __typename }' }, '', documents, false)).toMatchObject({ ok: true, persistedGet: false });
    expect(resolvePersisted('POST', { query: '{ __typename }' }, '', documents, true)).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' });
    expect(resolvePersisted('POST', { query: text }, '', documents, true)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(resolvePersisted('GET', undefined, '?query=%7B__typename%7D', documents, true)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(resolvePersisted('POST', { documentId: id }, '', documents, true)).toMatchObject({ ok: true });
  });
});
