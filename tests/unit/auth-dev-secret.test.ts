import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keepDevSecret } from '../../src/auth';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-dev-secret-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the development secret', () => {
  it('is made once, with 32+ random bytes, readable by its owner only, in a folder made for it', async () => {
    const file = path.join(dir, 'nested', '.data', 'auth-secret');
    const first = await keepDevSecret(file);
    expect(first.created).toBe(true);
    expect(Buffer.from(first.secret, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.secret);

    const again = await keepDevSecret(file);
    expect(again).toEqual({ secret: first.secret, created: false });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['auth-secret']);
  });

  it('differs between two places (it is random)', async () => {
    const a = await keepDevSecret(path.join(dir, 'a'));
    const b = await keepDevSecret(path.join(dir, 'b'));
    expect(a.secret).not.toBe(b.secret);
  });

  it('comes out the same for callers racing to make it', async () => {
    const file = path.join(dir, 'auth-secret');
    const results = await Promise.all(Array.from({ length: 8 }, () => keepDevSecret(file)));
    expect(new Set(results.map((r) => r.secret)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(fs.readdirSync(dir)).toEqual(['auth-secret']);
  });

  it('refuses a kept secret that is too short, naming the file but not the content', async () => {
    const file = path.join(dir, 'auth-secret');
    fs.writeFileSync(file, 'tiny-secret-value\n', { mode: 0o600 });
    const failure = keepDevSecret(file);
    await expect(failure).rejects.toThrow(`${file} holds a secret shorter than 32 bytes`);
    await expect(failure).rejects.not.toThrow('tiny-secret-value');
  });
});
