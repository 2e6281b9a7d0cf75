import {
  ANY_ORIGIN,
  corsResponseHeaders,
  isOriginAllowed,
  isPreflight,
  parseAllowedOrigins,
  parseOrigin,
  preflightHeaders,
} from '../../src/http/cors';

function problemOf(text: string): string {
  const parsed = parseOrigin(text);
  if ('origin' in parsed) throw new Error(`expected ${text} to be refused, got ${parsed.origin}`);
  return parsed.problem;
}

describe('parseOrigin', () => {
  it.each([
    ['https://app.example.org', 'https://app.example.org'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    // Browsers serialise scheme and host in lower case and leave the default port out.
    ['HTTPS://App.Example.ORG', 'https://app.example.org'],
    ['https://app.example.org:443', 'https://app.example.org'],
    ['http://app.example.org:80', 'http://app.example.org'],
    ['http://app.example.org:443', 'http://app.example.org:443'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ['http://[::1]:5173', 'http://[::1]:5173'],
    // Native shells send their own schemes (Capacitor on iOS, browser extensions).
    ['Capacitor://LocalHost', 'capacitor://localhost'],
  ])('reads %s as %s', (text, origin) => {
    expect(parseOrigin(text)).toEqual({ origin });
  });

  it.each([
    ['https://app.example.org/', /trailing slash/],
    ['https://app.example.org/app', /has a path/],
    ['https://app.example.org?x=1', /query/],
    ['https://app.example.org#top', /fragment/],
    ['app.example.org', /no scheme/],
    ['//app.example.org', /no scheme/],
    ['localhost:3000', /no scheme/],
    ['https://', /no host/],
    ['file:///home/me/index.html', /no host/],
    ['https://user:pw@app.example.org', /user information/],
    ['https://app.example.org:99999', /malformed host or port/],
    ['https://app.example.org:port', /malformed host or port/],
    ['https://app example.org', /malformed host or port/],
  ])('refuses %s, saying why', (text, why) => {
    const problem = problemOf(text);
    expect(problem).toMatch(why);
    expect(problem).toContain(JSON.stringify(text));
    expect(problem).toContain('scheme://host[:port]');
  });

  it('refuses "null", which sandboxed frames of any site send', () => {
    expect(problemOf('null')).toMatch(/sandboxed/);
  });
});

describe('parseAllowedOrigins', () => {
  it('reads * as any origin', () => {
    expect(parseAllowedOrigins('*')).toEqual({ allowed: ANY_ORIGIN, problems: [] });
  });

  it('reads a comma-separated list, normalised, blanks and duplicates dropped', () => {
    expect(parseAllowedOrigins(' https://a.example , HTTPS://A.example:443,http://localhost:3000,')).toEqual({
      allowed: ['https://a.example', 'http://localhost:3000'],
      problems: [],
    });
  });

  it('reports every malformed origin, one problem each', () => {
    const { problems } = parseAllowedOrigins('https://ok.example,https://a.example/,b.example');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('"https://a.example/"');
    expect(problems[1]).toContain('"b.example"');
  });

  it('refuses * inside a list and a list of nothing', () => {
    expect(parseAllowedOrigins('https://a.example,*').problems).toEqual([expect.stringMatching(/must stand alone/)]);
    expect(parseAllowedOrigins(' , ').problems).toEqual([expect.stringMatching(/^must be \* or origins separated by commas/)]);
  });
});

describe('isOriginAllowed', () => {
  const listed = ['https://a.example', 'http://localhost:3000'];

  it('allows every origin with *, including null', () => {
    expect(isOriginAllowed('https://anything.example', ANY_ORIGIN)).toBe(true);
    expect(isOriginAllowed('null', ANY_ORIGIN)).toBe(true);
  });

  it('allows exactly the listed origins', () => {
    expect(isOriginAllowed('https://a.example', listed)).toBe(true);
    expect(isOriginAllowed('http://localhost:3000', listed)).toBe(true);
    // Another scheme, port or host (127.0.0.1 is not localhost) is another origin.
    for (const other of ['http://a.example', 'https://a.example:8443', 'https://b.a.example', 'http://127.0.0.1:3000', 'http://localhost:3001', 'null']) {
      expect([other, isOriginAllowed(other, listed)]).toEqual([other, false]);
    }
  });
});

describe('headers', () => {
  const listed = ['https://a.example'];

  it('answers a preflight with the methods, headers and max-age, never with credentials', () => {
    const headers = preflightHeaders('https://anything.example', ANY_ORIGIN);
    expect(headers).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, if-none-match',
      'access-control-max-age': '600',
    });
  });

  it('echoes a listed origin in a preflight, with Vary: Origin, and refuses any other', () => {
    expect(preflightHeaders('https://a.example', listed)).toMatchObject({ 'access-control-allow-origin': 'https://a.example', vary: 'Origin' });
    expect(preflightHeaders('https://b.example', listed)).toBeUndefined();
  });

  it('gives actual responses allow-origin and expose-headers', () => {
    expect(corsResponseHeaders('https://b.example', ANY_ORIGIN)).toEqual({ 'access-control-allow-origin': '*', 'access-control-expose-headers': 'etag' });
    expect(corsResponseHeaders(undefined, ANY_ORIGIN)).toEqual({ 'access-control-allow-origin': '*', 'access-control-expose-headers': 'etag' });
    expect(corsResponseHeaders('https://a.example', listed)).toEqual({
      'access-control-allow-origin': 'https://a.example',
      'access-control-expose-headers': 'etag',
      vary: 'Origin',
    });
  });

  it('gives an origin not listed, or no origin, nothing but Vary: Origin', () => {
    expect(corsResponseHeaders('https://b.example', listed)).toEqual({ vary: 'Origin' });
    expect(corsResponseHeaders(undefined, listed)).toEqual({ vary: 'Origin' });
  });

  it('tells a preflight from a plain OPTIONS request', () => {
    expect(isPreflight('OPTIONS', 'https://a.example', 'POST')).toBe(true);
    expect(isPreflight('OPTIONS', undefined, 'POST')).toBe(false);
    expect(isPreflight('OPTIONS', 'https://a.example', undefined)).toBe(false);
    expect(isPreflight('POST', 'https://a.example', 'POST')).toBe(false);
  });
});
