/**
 * `npm run config:docs`: rewrites the README's Configuration table and `.env.example` from the
 * declarations in src/config/variables.ts (a unit test fails until they match).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import { renderEnvExample, updateReadme } from '../config/docs';

const readmePath = path.join(PROJECT_ROOT, 'README.md');
fs.writeFileSync(readmePath, updateReadme(fs.readFileSync(readmePath, 'utf8')));
fs.writeFileSync(path.join(PROJECT_ROOT, '.env.example'), renderEnvExample());
process.stdout.write('config:docs: wrote README.md (Configuration table) and .env.example\n');
