// A real OpenID Connect provider (the `oidc-provider` package) for the e2e run, as its own process:
//   OIDC_PROVIDER_PORT=4708 OIDC_APP_BASE_URL=http://127.0.0.1:3208 npx tsx e2e/oidc-provider.ts
// Its users are the directory file (e2e/oidc-users.ts), read at every sign-in; its login form is the
// package's own development form (any password). It requires PKCE and releases `groups` with the
// profile scope through userinfo, as many company directories do.
import Provider from 'oidc-provider';
import { directoryFile, INITIAL_DIRECTORY, readDirectory, writeDirectory } from './oidc-users';

const port = Number(process.env.OIDC_PROVIDER_PORT || 4708);
const appBase = process.env.OIDC_APP_BASE_URL || 'http://127.0.0.1:3208';
const file = directoryFile(port);
writeDirectory(file, INITIAL_DIRECTORY);

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'rekindle-e2e',
      client_secret: 'rekindle-e2e-secret',
      redirect_uris: [`${appBase}/auth/oidc/callback`],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  cookies: { keys: ['rekindle-e2e-provider-cookie-key'] },
  async findAccount(_ctx, sub) {
    const user = readDirectory(file)[sub];
    if (!user) return undefined;
    return {
      accountId: sub,
      claims: async () => ({ sub, email: user.email, email_verified: true, name: user.name, groups: user.groups }),
    };
  },
  // No consent screen: the company has approved Rekindle for everyone.
  async loadExistingGrant(ctx) {
    const { Grant } = ctx.oidc.provider;
    const grantId = ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
    if (grantId) return Grant.find(grantId);
    const grant = new Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

const server = provider.listen(port, '127.0.0.1', () =>
  console.log(`[oidc-provider] http://127.0.0.1:${port}, directory ${file}`),
);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.close(() => process.exit(0)));
