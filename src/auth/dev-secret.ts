/**
 * The development secret: with neither AUTH_JWT_SECRET nor AUTH_JWKS_URL (and not in
 * production), tokens are HS256-signed with a random secret kept in a git-ignored file, so that
 * `npm start` and `npm run token` agree without any setup. The server and the token command both
 * get their signing secret from `hmacSecret`, so they always use the same one.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MIN_SECRET_BYTES, type TokenKeys } from '../config';

export interface HmacSecret {
  secret: string;
  /** Where it comes from, for log lines: `AUTH_JWT_SECRET` or the file's path. */
  origin: string;
  /** True when this call made the development secret. */
  created: boolean;
}

/** The HS256 secret of a configuration that has one (AUTH_JWT_SECRET, or the development secret). */
export async function hmacSecret(keys: TokenKeys): Promise<HmacSecret | undefined> {
  switch (keys.source) {
    case 'secret':
      return { secret: keys.secret.reveal(), origin: 'AUTH_JWT_SECRET', created: false };
    case 'dev-secret':
      return { ...(await keepDevSecret(keys.file)), origin: keys.file };
    default:
      return undefined;
  }
}

/**
 * The secret in `file`, made first if the file does not exist: 48 random bytes, base64url, in a
 * file only its owner can read. Two processes starting at once agree on one secret: the file
 * appears complete or not at all (written aside, then hard-linked into place, which fails if
 * another process got there first).
 */
export async function keepDevSecret(file: string): Promise<{ secret: string; created: boolean }> {
  const kept = await readSecretFile(file);
  if (kept !== undefined) return { secret: kept, created: false };
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  const aside = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(aside, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(aside, file);
    return { secret, created: true };
  } catch (e: unknown) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const winner = await readSecretFile(file);
    if (winner === undefined) throw new Error(`${file} vanished while it was being created`);
    return { secret: winner, created: false };
  } finally {
    await fs.rm(aside, { force: true });
  }
}

async function readSecretFile(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e: unknown) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const secret = text.trim();
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`${file} holds a secret shorter than ${MIN_SECRET_BYTES} bytes; delete the file and a new one is made`);
  }
  return secret;
}
