/**
 * The GraphQL playground at GET /: a GraphiQL 3 page that works offline. Its four assets (GraphiQL
 * and React UMD builds) are served from node_modules under /playground/ from a fixed allowlist,
 * read once into memory; the page opens one tab per operation in operations/showcase.graphql.
 * Subscriptions run over WebSocket (graphql-ws) at /graphql, with the Headers tab's token.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Kind, parse, print, TokenKind, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { PROJECT_ROOT } from '../config';
import type { Logger } from '../log';

export const PLAYGROUND_PREFIX = '/playground/';
export const SHOWCASE_FILE = path.join(PROJECT_ROOT, 'operations', 'showcase.graphql');

interface AssetSpec {
  pkg: string;
  file: string;
  type: string;
}

/** The only files served under /playground/; the request path is looked up here, never joined onto a directory. */
const ASSETS: Readonly<Record<string, AssetSpec>> = {
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'application/javascript; charset=utf-8' },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'application/javascript; charset=utf-8' },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'application/javascript; charset=utf-8' },
};

interface Loaded {
  body: Buffer;
  headers: Record<string, string | number>;
}

const assetCache = new Map<string, Promise<Loaded>>();
let pageCache: Promise<Loaded> | undefined;

/** Answers GET / with the playground page. */
export async function servePlaygroundPage(req: IncomingMessage, res: ServerResponse, logger: Logger): Promise<void> {
  if (!allowMethod(req, res)) return;
  pageCache ??= buildPage(logger).catch((e: unknown) => {
    pageCache = undefined; // a transient failure must not stick until restart
    throw e;
  });
  send(req, res, await pageCache);
}

/** Answers GET /playground/<asset>; false when the path is not one of the assets (the caller sends its 404). */
export async function servePlaygroundAsset(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  const name = pathname.slice(PLAYGROUND_PREFIX.length);
  const spec = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (spec === undefined) return false;
  if (!allowMethod(req, res)) return true;
  let loaded = assetCache.get(name);
  if (loaded === undefined) {
    loaded = loadAsset(spec).catch((e: unknown) => {
      assetCache.delete(name);
      throw e;
    });
    assetCache.set(name, loaded);
  }
  send(req, res, await loaded);
  return true;
}

function packageDir(pkg: string): string {
  // Resolved from package.json because these packages' "exports" do not expose the UMD files.
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

async function packageVersion(pkg: string): Promise<string> {
  const json = JSON.parse(await fs.readFile(path.join(packageDir(pkg), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof json.version === 'string' ? json.version : 'unknown';
}

async function loadAsset(spec: AssetSpec): Promise<Loaded> {
  const body = await fs.readFile(path.join(packageDir(spec.pkg), spec.file));
  return {
    body,
    headers: {
      'content-type': spec.type,
      // The page links each asset with ?v=<package version>, so an upgrade changes the URL and a year is safe.
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    },
  };
}

/** The playground's tabs: one per showcase operation, with the fragments it uses and its leading comment. */
export function showcaseTabs(source: string): { query: string }[] {
  const document = parse(source);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      const used = new Set<string>();
      collectFragments(operation.selectionSet, fragments, used);
      const parts = [operation, ...[...used].map((name) => fragments.get(name)).filter((f) => f !== undefined)].map(print);
      return { query: `${leadingComment(operation)}${parts.join('\n\n')}\n` };
    });
}

function collectFragments(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, used: Set<string>): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (used.has(name) || fragment === undefined) continue;
      used.add(name);
      collectFragments(fragment.selectionSet, fragments, used);
    } else {
      collectFragments(selection.selectionSet, fragments, used);
    }
  }
}

/**
 * `print` drops comments, but the comment right above each showcase operation explains it, so keep
 * that one. A blank line ends it: what is above that (the file's header) is not about the operation.
 */
function leadingComment(definition: DefinitionNode): string {
  const lines: string[] = [];
  let below = definition.loc?.startToken;
  let token = below?.prev;
  // Only whole-line comments: `} # note` belongs to what precedes it.
  while (token?.kind === TokenKind.COMMENT && below !== undefined && token.line === below.line - 1 && token.prev?.line !== token.line) {
    lines.unshift(`#${token.value}\n`);
    below = token;
    token = token.prev;
  }
  return lines.join('');
}

async function readTabs(logger: Logger): Promise<{ query: string }[]> {
  try {
    return showcaseTabs(await fs.readFile(SHOWCASE_FILE, 'utf8'));
  } catch (e: unknown) {
    // Without the showcase the playground still works, with GraphiQL's default tab.
    logger.warn({ err: e, file: SHOWCASE_FILE }, 'playground: showcase operations unavailable; serving it without preloaded tabs');
    return [];
  }
}

/** JSON that is safe inside a <script> element: no `<` can close it or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

async function buildPage(logger: Logger): Promise<Loaded> {
  const tabs = await readTabs(logger);
  const versions = Object.fromEntries(await Promise.all(['graphiql', 'react', 'react-dom'].map(async (pkg) => [pkg, await packageVersion(pkg)] as const)));
  const { html, csp } = renderPlaygroundPage(tabs, versions);
  return {
    body: Buffer.from(html, 'utf8'),
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  };
}

/**
 * Browser code (plain JS, kept as text so the page and the unit test run the same source): the
 * operations a document defines, `{ type, name }` in order, found by a scan of its top level
 * (comments and strings skipped; nothing inside braces or parentheses counts).
 *
 * Why the page needs it: GraphiQL re-parses the editor 100 ms after an edit, so Run right after a
 * tab switch hands the fetcher the previous tab's operation name and parsed document. The
 * fetcher then sent a subscription over HTTP, naming an operation the text no longer held. The
 * page's fetcher trusts the text it is given instead.
 */
export const OPERATIONS_OF_SOURCE = `function operationsOf(text) {
  const tokens = /#[^\\n\\r]*|"""(?:\\\\"""|[^])*?(?:"""|$)|"(?:[^"\\\\\\n\\r]|\\\\.)*"?|[{}()]|[_A-Za-z][_0-9A-Za-z]*|[^]/g;
  const operations = [];
  let depth = 0;
  let pending;
  let named = false;
  for (const [token] of text.matchAll(tokens)) {
    if (token === '{' || token === '(') {
      if (depth === 0 && token === '{') {
        if (pending === undefined) operations.push({ type: 'query', name: undefined });
        else if (pending.type !== 'fragment') operations.push(pending);
        pending = undefined;
      }
      depth += 1;
    } else if (token === '}' || token === ')') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && /^[_A-Za-z]/.test(token)) {
      if (pending === undefined && /^(query|mutation|subscription|fragment)$/.test(token)) {
        pending = { type: token, name: undefined };
        named = false;
      } else if (pending !== undefined && !named) {
        pending.name = token;
        named = true;
      }
    } else if (depth === 0 && pending !== undefined && !/^[\\s,]$/.test(token)) {
      named = true;
    }
  }
  return operations;
}`;

/** The page and its Content-Security-Policy; `versions` maps package names to versions (for cache busting). */
export function renderPlaygroundPage(tabs: { query: string }[], versions: Record<string, string>): { html: string; csp: string } {
  const asset = (name: string): string => `${PLAYGROUND_PREFIX}${name}?v=${encodeURIComponent(versions[ASSETS[name]?.pkg ?? ''] ?? '')}`;
  const props = { defaultTabs: tabs.length > 0 ? tabs : undefined, defaultEditorToolsVisibility: false };
  // Subscriptions go over WebSocket (graphql-ws, bundled in GraphiQL) to the same path. The token
  // in the Headers tab goes into connection_init, so one client is kept per Authorization value.
  const script = `
const props = ${scriptJson(props)};
const subscriptionUrl = new URL('/graphql', location.href).href.replace(/^http/, 'ws');
const fetchers = new Map();
${OPERATIONS_OF_SOURCE}
// The operation to run, from the text itself (see OPERATIONS_OF_SOURCE): the one named, else the
// only one. A one-definition document stands in for GraphiQL's parse, which may be a tab behind.
function current(params, options) {
  const operations = operationsOf(params.query);
  const named = operations.find((o) => o.name !== undefined && o.name === params.operationName);
  const operation = named !== undefined ? named : operations.length === 1 ? operations[0] : undefined;
  if (operation === undefined) return [params, options];
  const definition = { kind: 'OperationDefinition', operation: operation.type, name: operation.name === undefined ? undefined : { kind: 'Name', value: operation.name } };
  return [{ ...params, operationName: operation.name }, { ...options, documentAST: { kind: 'Document', definitions: [definition] } }];
}
function fetcher(given, givenOptions) {
  const [params, options] = current(given, givenOptions);
  const headers = (options && options.headers) || {};
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'authorization');
  const authorization = name === undefined ? '' : String(headers[name]);
  let forToken = fetchers.get(authorization);
  if (forToken === undefined) {
    forToken = GraphiQL.createFetcher({ url: '/graphql', subscriptionUrl, wsConnectionParams: authorization === '' ? undefined : { authorization } });
    fetchers.set(authorization, forToken);
  }
  return forToken(params, options);
}
ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, { ...props, fetcher }));
`;
  // A hash rather than a nonce: the page is built once and is the same for every request.
  const scriptHash = createHash('sha256').update(script, 'utf8').digest('base64');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>actor-graph playground</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('graphiql.min.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the playground…</div>
<script src="${asset('react.production.min.js')}"></script>
<script src="${asset('react-dom.production.min.js')}"></script>
<script src="${asset('graphiql.min.js')}"></script>
<script>${script}</script>
</body>
</html>
`;
  const csp = [
    "default-src 'none'",
    `script-src 'self' 'sha256-${scriptHash}'`,
    // GraphiQL and CodeMirror set inline styles; its CSS embeds its fonts and icons as data: URLs.
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    // 'self' covers ws:// and wss:// to this host as well (CSP Level 3), for subscriptions.
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}

function allowMethod(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
  return false;
}

function send(req: IncomingMessage, res: ServerResponse, { body, headers }: Loaded): void {
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
