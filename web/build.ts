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

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'web');
const ENTRIES = { explore: 'web/explore/main.tsx', playground: 'web/playground/main.tsx' } as const;

export interface WebManifest {
  /**
   * Per page: its script (an ES module), the chunks it imports statically (preloaded by the page,
   * so they load in parallel rather than one after another) and its styles.
   */
  pages: Record<keyof typeof ENTRIES, { script: string; preload: string[]; styles: string[] }>;
  /** Every file under assets/, for the server's allowlist. */
  files: string[];
}

async function main(): Promise<void> {
  await fs.rm(OUT, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(ROOT, file)])),
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
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const entry = meta.entryPoint === undefined ? undefined : Object.entries(ENTRIES).find(([, file]) => path.resolve(ROOT, meta.entryPoint ?? '') === path.join(ROOT, file));
    if (entry === undefined) continue;
    const name = entry[0] as keyof typeof ENTRIES;
    pages[name] = { script: path.basename(output), preload: staticImports(result.metafile, output), styles: meta.cssBundle === undefined ? [] : [path.basename(meta.cssBundle)] };
  }
  for (const name of Object.keys(ENTRIES) as (keyof typeof ENTRIES)[]) {
    if (pages[name] === undefined) throw new Error(`esbuild produced no bundle for ${name}`);
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
