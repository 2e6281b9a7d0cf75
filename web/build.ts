/**
 * Builds the browser code (the explorer at /explore and the playground at /) with esbuild into
 * dist/web/: content-hashed files under assets/, and manifest.json naming each page's scripts and
 * styles, which the server reads to write its pages. Runs in `npm run build`, so `npm start` and
 * `npm test` always serve what web/ holds. React, GraphiQL, Apollo Client and cytoscape are bundled
 * here: build-time dependencies, none of them loaded by the server.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { PageName, WebManifest } from '../src/http/web';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'web');
// Every page the server serves (PageName) has an entry: a page added there and not here fails to type-check.
const ENTRIES: Record<PageName, string> = { explore: 'web/explore/main.tsx', playground: 'web/playground/main.tsx' };
/** Scripts a page runs as soon as they load, beside its main script (the explorer's first graph request). */
const EARLY: Partial<Record<PageName, string>> = { explore: 'web/explore/prefetch.ts' };

async function main(): Promise<void> {
  await fs.rm(OUT, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(
      [...Object.entries(ENTRIES), ...Object.entries(EARLY).map(([name, file]): [string, string] => [`${name}-early`, file])].map(([name, file]) => [name, path.join(ROOT, file)]),
    ),
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: ['chrome115', 'firefox115', 'safari16'],
    outdir: path.join(OUT, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    // GraphiQL's CSS embeds its fonts; anything else it references becomes a hashed file.
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const pages = {} as WebManifest['pages'];
  const outputOf = (file: string): string | undefined =>
    Object.entries(result.metafile.outputs).find(([, meta]) => meta.entryPoint !== undefined && path.resolve(ROOT, meta.entryPoint) === path.join(ROOT, file))?.[0];
  for (const [name, file] of Object.entries(ENTRIES) as [PageName, string][]) {
    const output = outputOf(file);
    if (output === undefined) throw new Error(`esbuild produced no bundle for ${name}`);
    const earlyFile = EARLY[name];
    const early = earlyFile === undefined ? undefined : outputOf(earlyFile);
    const cssBundle = result.metafile.outputs[output]?.cssBundle;
    pages[name] = {
      script: path.basename(output),
      // The early script's imports too: they load in parallel with everything else.
      preload: [...new Set([...staticImports(result.metafile, output), ...(early === undefined ? [] : staticImports(result.metafile, early))])].sort(),
      styles: cssBundle === undefined ? [] : [path.basename(cssBundle)],
      early: early === undefined ? [] : [path.basename(early)],
    };
  }
  const files = (await fs.readdir(path.join(OUT, 'assets'))).sort();
  const manifest: WebManifest = { pages, files };
  await fs.writeFile(path.join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The chunks an output imports statically, transitively (dynamic imports load on demand). */
function staticImports(metafile: esbuild.Metafile, output: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || seen.has(imported.path)) continue;
      seen.add(imported.path);
      visit(imported.path);
    }
  };
  visit(output);
  return [...seen].map((file) => path.basename(file)).sort();
}

main().catch((e: unknown) => {
  process.stderr.write(`web build failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
