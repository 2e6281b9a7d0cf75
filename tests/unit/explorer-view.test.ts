/**
 * The explorer's pure parts: the view a URL holds (deep links, back and forward go through these),
 * filter toggling, and placing evidence and mentions in a document's text.
 */
import { EMPTY_VIEW, parseView, printView, relationshipFilter, toggle, STANCES, type View } from '../../web/explore/view';
import { occurrenceAt, paragraphAround, segments } from '../../web/explore/text';

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
