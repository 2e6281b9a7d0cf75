/**
 * `npm run token -- --sub alice --role editor [--role admin] [--expires-in 12h]`: prints an HS256
 * token for the configured secret (AUTH_JWT_SECRET, or the development secret in .data/, made if
 * absent: the same one `npm start` uses) as the last line of its output. With AUTH_JWKS_URL the
 * identity provider issues tokens and this command refuses.
 */
import { parseArgs } from 'node:util';
import { hmacSecret, isRole, ROLES, signToken, type Role } from '../auth';
import { run } from './run';

const USAGE = 'usage: npm run token -- --sub <subject> --role <editor|admin> [--role …] [--expires-in 12h]';

interface TokenArgs {
  sub: string;
  roles: Role[];
  expiresIn: string;
}

function parseTokenArgs(argv: string[]): TokenArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { sub: { type: 'string' }, role: { type: 'string', multiple: true }, 'expires-in': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e: unknown) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  const sub = values.sub?.trim() ?? '';
  if (sub === '') throw new Error(`--sub is required: who the token speaks for\n${USAGE}`);
  const roles: Role[] = [];
  for (const role of (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '')) {
    if (!isRole(role)) throw new Error(`--role: must be one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`);
    if (!roles.includes(role)) roles.push(role);
  }
  const expiresIn = values['expires-in'] ?? '12h';
  if (!/^[1-9][0-9]*[smhdw]$/.test(expiresIn)) throw new Error(`--expires-in: expected a duration such as 30m, 12h or 7d, got ${JSON.stringify(expiresIn)}`);
  return { sub, roles, expiresIn };
}

run('token', async (config) => {
  const args = parseTokenArgs(process.argv.slice(2));
  const { keys } = config.auth;
  if (keys.source === 'jwks') {
    throw new Error('AUTH_JWKS_URL is set: tokens come from your identity provider, and this command cannot sign for it (it signs only with AUTH_JWT_SECRET or the development secret)');
  }
  const hmac = await hmacSecret(keys);
  if (hmac === undefined) throw new Error('NODE_ENV=production and AUTH_JWT_SECRET is unset: there is no secret to sign with; set AUTH_JWT_SECRET (32+ random bytes)');
  if (hmac.created) process.stderr.write(`token: made a development secret in ${hmac.origin}\n`);
  const token = await signToken({ secret: hmac.secret, sub: args.sub, roles: args.roles, rolesClaim: config.auth.rolesClaim, issuer: config.auth.issuer, audience: config.auth.audience, expiresIn: args.expiresIn });
  const roles = args.roles.length === 0 ? 'no roles: it can only read' : `roles: ${args.roles.join(', ')}`;
  process.stderr.write(`token: for ${JSON.stringify(args.sub)} (${roles}), expires in ${args.expiresIn}, signed with ${hmac.origin}; send it as "Authorization: Bearer <token>"\n`);
  process.stdout.write(`${token}\n`);
});
