import { findMentions, isCaseSensitive, occurrences } from '../../src/model/text';

const labels = (...pairs: [string, string][]) => pairs.map(([label, owner]) => ({ label, owner }));

describe('findMentions', () => {
  it('prefers the longest match where candidates overlap', () => {
    const text = 'Tensions in the South China Sea worry China.';
    const found = findMentions(text, labels(['China', 'china'], ['South China Sea', 'scs']));
    expect(found.map((m) => [m.owner, m.text])).toEqual([
      ['scs', 'South China Sea'],
      ['china', 'China'],
    ]);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('matches whole words only, ignoring case for ordinary names', () => {
    const found = findMentions('Chinatown is not china; NATO-China is.', labels(['China', 'china']));
    expect(found.map((m) => m.text)).toEqual(['china', 'China']);
  });

  it('matches acronyms only as written', () => {
    expect(isCaseSensitive('US')).toBe(true);
    expect(isCaseSensitive('U.S.')).toBe(true);
    expect(isCaseSensitive('Japan')).toBe(false);
    expect(findMentions('Let us talk to the US and the U.S.', labels(['US', 'us'], ['U.S.', 'us'])).map((m) => m.start)).toEqual([19, 30]);
  });

  it('gives JavaScript string offsets, also after characters outside the BMP', () => {
    const text = '🌏 Japan’s role';
    const [m] = findMentions(text, labels(['Japan', 'jp']));
    expect(m).toMatchObject({ start: 3, end: 8, text: 'Japan' });
    expect(text.slice(m?.start, m?.end)).toBe('Japan');
  });
});

describe('occurrences', () => {
  it('finds every start, overlapping ones too', () => {
    expect(occurrences('aaaa', 'aa')).toEqual([0, 1, 2]);
    expect(occurrences('abc', 'x')).toEqual([]);
  });
});
