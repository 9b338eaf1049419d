import fs from 'node:fs';
import path from 'node:path';

// The company directory of the e2e identity provider (e2e/oidc-provider.ts): one JSON file the
// provider reads at every sign-in, so a spec changes someone's groups by rewriting it.

export type DirectoryUser = { email: string; name: string; groups: string[] };
export type Directory = Record<string, DirectoryUser>;

export const OIDC_ROLE_MAP = 'rekindle-admins=admin,rekindle-cx=cx_manager';
export const OIDC_PROVIDER_NAME = 'Acme ID';

/** Three people: one per mapped group, and one in no Rekindle group. Keys are login names (and subs). */
export const INITIAL_DIRECTORY: Directory = {
  'ada.sso': { email: 'ada.sso@acme.test', name: 'Ada Directory', groups: ['everyone', 'rekindle-admins'] },
  'carl.sso': { email: 'carl.sso@acme.test', name: 'Carl Directory', groups: ['everyone', 'rekindle-cx'] },
  'nora.sso': { email: 'nora.sso@acme.test', name: 'Nora Directory', groups: ['everyone'] },
};

export const directoryFile = (port: number) => path.resolve(`test-results/oidc-directory-${port}.json`);

export function writeDirectory(file: string, directory: Directory) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(directory, null, 2));
}

export function readDirectory(file: string): Directory {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Directory;
}
