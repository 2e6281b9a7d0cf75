/**
 * The explorer's pure parts: the view a URL holds (deep links, back and forward go through these),
 * filter toggling, and placing evidence and mentions in a document's text.
 */
import { EMPTY_VIEW, parseView, printView, relationshipFilter, toggle, STANCES, type View } from '../../web/explore/view';
import { occurrenceAt, paragraphAround, segments } from '../../web/explore/text';
import { radialPositions } from '../../web/explore/layout';

describe('the view in the URL', () => {
  const views: [string, View][] = [
    ['nothing', EMPTY_VIEW],
    ['a neighbourhood', { graph: { mode: 'neighborhood', entity: 'entity:nato', depth: 2, expand: [] }, filters: { stances: ['COOPERATIVE'], modalities: [], types: [] }, selection: undefined }],
    ['expanded, filtered and an edge chosen', { graph: { mode: 'neighborhood', entity: 'entity:nato', depth: 3, expand: ['entity:japan', 'entity:china'] }, filters: { stances: ['NEUTRAL', 'ADVERSARIAL'], modalities: ['PLANNED'], types: ['ALLY_OF', 'COUNTERS'] }, selection: { kind: 'edge', id: 'relationship:nato:COUNTERS:china' } }],
    ['a path with a document open', { graph: { mode: 'path', from: 'entity:new-zealand', to: 'entity:china' }, filters: { stances: ['COOPERATIVE'], modalities: [], types: [] }, selection: { kind: 'doc', id: 'document:x y&z' } }],
  ];

  it.each(views)('prints and reads back %s unchanged', (_, view) => {
    expect(parseView(printView(view))).toEqual(view);
  });

  it('reads the links the README shows', () => {
    expect(parseView('?entity=entity:nato&depth=2&stance=COOPERATIVE').graph).toEqual({ mode: 'neighborhood', entity: 'entity:nato', depth: 2, expand: [] });
    expect(parseView('?from=entity:new-zealand&to=entity:china').graph).toEqual({ mode: 'path', from: 'entity:new-zealand', to: 'entity:china' });
  });

  it('drops what it does not know rather than sending it to the server', () => {
    const view = parseView('?entity=e&depth=9&stance=FRIENDLY,ADVERSARIAL&type=NOPE&select=bogus:1&expand=e,,f,f');
    expect(view).toEqual({ graph: { mode: 'neighborhood', entity: 'e', depth: 1, expand: ['f'] }, filters: { stances: ['ADVERSARIAL'], modalities: [], types: [] }, selection: undefined });
  });

  it('sends a filter only for the criteria narrowed', () => {
    expect(relationshipFilter(EMPTY_VIEW.filters)).toBeUndefined();
    expect(relationshipFilter({ stances: ['COOPERATIVE'], modalities: [], types: ['ALLY_OF'] })).toEqual({ stances: ['COOPERATIVE'], types: ['ALLY_OF'] });
  });
});

describe('toggling a filter value', () => {
  it('hides one value from "all", shows it again, and never hides the last one', () => {
    const hidden = toggle([], STANCES, 'COOPERATIVE');
    expect(hidden).toEqual(['NEUTRAL', 'ADVERSARIAL']);
    expect(toggle(hidden, STANCES, 'COOPERATIVE')).toEqual([]);
    const one = toggle(toggle(hidden, STANCES, 'NEUTRAL'), STANCES, 'ADVERSARIAL');
    expect(toggle(['ADVERSARIAL'], STANCES, 'ADVERSARIAL')).toEqual(['ADVERSARIAL']);
    expect(one).toEqual(['ADVERSARIAL']);
  });
});

describe('evidence and mentions in their text', () => {
  const text = 'Title line\nFirst sentence about NATO. NATO again here.\nLast line.';

  it('finds the paragraph (line) around a quote', () => {
    const start = text.indexOf('NATO again');
    expect(paragraphAround(text, start, start + 4)).toEqual({ before: 'First sentence about NATO. ', quote: 'NATO', after: ' again here.' });
    expect(paragraphAround(text, 0, 5)).toEqual({ before: '', quote: 'Title', after: ' line' });
    const last = text.indexOf('Last');
    expect(paragraphAround(text, last, text.length)).toEqual({ before: '', quote: 'Last line.', after: '' });
  });

  it('cuts the text into plain and highlighted segments that cover it exactly once', () => {
    const spans = [...text.matchAll(/NATO/g)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + 4, entityId: 'entity:nato' }));
    const cut = segments(text.length, [...spans].reverse());
    expect(cut.map((s) => text.slice(s.start, s.end)).join('')).toBe(text);
    expect(cut.filter((s) => s.entityId !== undefined).map((s) => s.start)).toEqual(spans.map((s) => s.start));
  });

  it('counts which occurrence of a quote a selection is', () => {
    expect(occurrenceAt(text, 'NATO', text.indexOf('NATO'))).toBe(1);
    expect(occurrenceAt(text, 'NATO', text.lastIndexOf('NATO'))).toBe(2);
  });
});

describe('the radial layout of large neighbourhoods', () => {
  // A centre, a ring of 12 around it, two children each, and one actor no edge reaches.
  const ring = Array.from({ length: 12 }, (_, i) => `r${i}`);
  const leaves = ring.flatMap((r) => [`${r}a`, `${r}b`]);
  const edges = [...ring.map((r) => ({ source: 'c', target: r })), ...leaves.map((l) => ({ source: l.slice(0, -1), target: l }))];
  const positions = radialPositions(['c', ...ring, ...leaves, 'alone'], edges, ['c']);
  const distance = (id: string): number => Math.hypot(positions.get(id)?.x ?? NaN, positions.get(id)?.y ?? NaN);

  it('places every actor, the centre in the middle, each hop on a wider ring', () => {
    expect(positions.size).toBe(1 + ring.length + leaves.length + 1);
    expect(positions.get('c')).toEqual({ x: 0, y: 0 });
    const rings = [ring, leaves, ['alone']].map((ids) => ids.map(distance));
    for (const radii of rings) for (const r of radii) expect(r).toBeCloseTo(radii[0] ?? NaN, 6);
    expect(rings[0]?.[0]).toBeGreaterThan(0);
    expect(rings[1]?.[0]).toBeGreaterThan(rings[0]?.[0] ?? Infinity);
    expect(rings[2]?.[0]).toBeGreaterThan(rings[1]?.[0] ?? Infinity);
  });

  it('keeps children next to their parent, and nodes of a ring apart', () => {
    const angle = (id: string): number => Math.atan2(positions.get(id)?.y ?? 0, positions.get(id)?.x ?? 0);
    for (const r of ring) {
      const gap = Math.abs(angle(`${r}a`) - angle(r));
      expect(Math.min(gap, 2 * Math.PI - gap)).toBeLessThan(Math.PI / 4);
    }
    const leafPoints = leaves.map((l) => positions.get(l) ?? { x: NaN, y: NaN });
    for (let i = 0; i < leafPoints.length; i += 1) {
      for (let j = i + 1; j < leafPoints.length; j += 1) expect(Math.hypot((leafPoints[i]?.x ?? 0) - (leafPoints[j]?.x ?? 0), (leafPoints[i]?.y ?? 0) - (leafPoints[j]?.y ?? 0))).toBeGreaterThan(30);
    }
  });
});
