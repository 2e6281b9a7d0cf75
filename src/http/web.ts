/**
 * The browser pages the API serves, built by web/build.ts into dist/web/: the explorer at /explore
 * and the playground at /, and their content-hashed files under /assets/. Only files the build's
 * manifest lists are served (the request path is looked up, never joined onto a directory), each
 * read once into memory and cached by browsers for a year; pages are no-cache, with a strict CSP
 * and no third-party origin anywhere.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROJECT_ROOT } from '../config';
import type { Logger } from '../log';

export const ASSETS_PREFIX = '/assets/';
export const WEB_BUILD_DIR = path.join(PROJECT_ROOT, 'dist', 'web');

export type PageName = 'explore' | 'playground';

/** What `npm run build` (web/build.ts) writes to dist/web/manifest.json, and this module reads. */
export interface WebManifest {
  /**
   * Per page: its script (an ES module), the chunks it imports statically (preloaded by the page,
   * so they load in parallel rather than one after another), its styles, and `early`: scripts run
   * as soon as they load (async), before the main one is ready.
   */
  pages: Record<PageName, { script: string; preload: string[]; styles: string[]; early: string[] }>;
  /** Every file under assets/, for the allowlist of what is served. */
  files: string[];
}

interface Loaded {
  body: Buffer;
  headers: Record<string, string | number>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

let manifestCache: Promise<{ manifest: WebManifest; files: Set<string> }> | undefined;
const assetCache = new Map<string, Promise<Loaded>>();

/** The build's manifest; a failed read is not remembered, so building while the API runs is picked up. */
function loadManifest(): Promise<{ manifest: WebManifest; files: Set<string> }> {
  manifestCache ??= fs
    .readFile(path.join(WEB_BUILD_DIR, 'manifest.json'), 'utf8')
    .then((text) => {
      const manifest = JSON.parse(text) as WebManifest;
      return { manifest, files: new Set(manifest.files) };
    })
    .catch((e: unknown) => {
      manifestCache = undefined;
      throw e;
    });
  return manifestCache;
}

/** Answers GET /assets/<file>; false when it is not a file of the build (the caller sends its 404). */
export async function serveAsset(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  const name = pathname.slice(ASSETS_PREFIX.length);
  let files: Set<string>;
  try {
    files = (await loadManifest()).files;
  } catch {
    return false;
  }
  if (!files.has(name)) return false;
  if (!allowMethod(req, res)) return true;
  let loaded = assetCache.get(name);
  if (loaded === undefined) {
    loaded = fs.readFile(path.join(WEB_BUILD_DIR, 'assets', name)).then(
      (body): Loaded => ({
        body,
        headers: {
          'content-type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
          // The name holds a hash of the content: a new build is a new name, so a year is safe.
          'cache-control': 'public, max-age=31536000, immutable',
          'x-content-type-options': 'nosniff',
        },
      }),
      (e: unknown) => {
        assetCache.delete(name);
        throw e;
      },
    );
    assetCache.set(name, loaded);
  }
  send(req, res, await loaded);
  return true;
}

export interface PageContent {
  title: string;
  /** The element the script renders into, with what shows until it does. */
  rootId: string;
  loadingText: string;
  /** Data for the script, as JSON in a non-executed <script type="application/json" id=…>. */
  data?: { id: string; value: unknown };
  /** GraphiQL and CodeMirror write <style> and style="" attributes; the explorer needs neither. */
  inlineStyles: boolean;
}

/** The page for `name`, linking the build's files for it; 503 (saying to build) when there is no build. */
export async function servePage(req: IncomingMessage, res: ServerResponse, name: PageName, content: () => Promise<PageContent>, logger: Logger): Promise<void> {
  if (!allowMethod(req, res)) return;
  let manifest: WebManifest;
  try {
    manifest = (await loadManifest()).manifest;
  } catch (e: unknown) {
    logger.warn({ err: e, dir: WEB_BUILD_DIR }, 'the web pages are not built');
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`The ${name} page is not built: run \`npm run build\` (npm start does).\n`);
    return;
  }
  const { html, csp } = renderPage(manifest.pages[name], await content());
  send(req, res, {
    body: Buffer.from(html, 'utf8'),
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  });
}

export function renderPage(files: WebManifest['pages'][PageName], content: PageContent): { html: string; csp: string } {
  const asset = (file: string): string => `${ASSETS_PREFIX}${encodeURIComponent(file)}`;
  const data = content.data === undefined ? '' : `<script type="application/json" id="${escapeHtml(content.data.id)}">${scriptJson(content.data.value)}</script>\n`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<link rel="icon" href="data:,">
${files.styles.map((file) => `<link rel="stylesheet" href="${asset(file)}">`).join('\n')}
${files.preload.map((file) => `<link rel="modulepreload" href="${asset(file)}">`).join('\n')}
${files.early.map((file) => `<script type="module" async src="${asset(file)}"></script>`).join('\n')}
<script type="module" src="${asset(files.script)}"></script>
</head>
<body>
${data}<div id="${escapeHtml(content.rootId)}">${escapeHtml(content.loadingText)}</div>
</body>
</html>
`;
  const csp = [
    "default-src 'none'",
    // Only this origin's scripts: the JSON data block is not executed, so it needs no hash.
    "script-src 'self'",
    content.inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element: no `<` can close it or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
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
