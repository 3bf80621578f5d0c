/**
 * Real CardDAV servers on loopback for the sync tests (issue 19; ../shared/research/carddav-sync.md):
 * Debian's Radicale 3.1 (htpasswd users, owner-only rights, run unprivileged) and Xandikos 0.2
 * (stores cards byte for byte; no auth). Each gets a fresh folder and port, and stops with its
 * process group.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopGroups, waitForPort } from '../loopback.mjs';

export const missingRadicale = () => ['/usr/bin/radicale'].filter((p) => !existsSync(p));
export const missingXandikos = () => ['/usr/bin/xandikos'].filter((p) => !existsSync(p));

/**
 * Radicale with these users (name → password); a book per user is made by the client (MKCOL).
 * `rights`: a rights file's text (Radicale's `from_file`) instead of owner-only.
 */
export async function startRadicale(users, { rights } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kring-radicale-'));
  chmodSync(dir, 0o777); // Radicale runs as nobody and keeps its collections here
  mkdirSync(join(dir, 'collections'));
  chmodSync(join(dir, 'collections'), 0o777);
  writeFileSync(join(dir, 'users'), Object.entries(users).map(([u, p]) => `${u}:${p}`).join('\n') + '\n', { mode: 0o644 });
  const port = await freePort();
  if (rights) writeFileSync(join(dir, 'rights'), rights, { mode: 0o644 });
  const rightsConfig = rights ? `type = from_file\nfile = ${join(dir, 'rights')}` : 'type = owner_only';
  writeFileSync(
    join(dir, 'config'),
    `[server]\nhosts = 127.0.0.1:${port}\n[auth]\ntype = htpasswd\nhtpasswd_filename = ${join(dir, 'users')}\nhtpasswd_encryption = plain\n[rights]\n${rightsConfig}\n[storage]\nfilesystem_folder = ${join(dir, 'collections')}\n[web]\ntype = none\n[logging]\nlevel = warning\n`,
    { mode: 0o644 },
  );
  const asNobody = process.getuid?.() === 0 ? ['runuser', ['-u', 'nobody', '--', 'radicale', '--config', join(dir, 'config')]] : ['radicale', ['--config', join(dir, 'config')]];
  const child = spawn(asNobody[0], asNobody[1], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await waitForPort(port).catch((e) => {
    throw new Error(`Radicale did not start: ${stderr || e.message}`);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    /** Where Radicale keeps the collections: the raw files, as the server's operator sees them. */
    collections: join(dir, 'collections'),
    async stop() {
      await stopGroups([child]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The rights a team's admin gives (README, "Team"), as a Radicale rights file: everyone reads the
 * team folder and every book in it; each member writes only `team/<their user name>/` (and may make
 * it); the admin makes the folder. Each member keeps their private books as before.
 */
export const TEAM_RIGHTS = `[admin]
user: admin
collection: .*
permissions: RrWw

[root]
user: .+
collection:
permissions: R

[principal]
user: .+
collection: {user}
permissions: RW

[own-books]
user: .+
collection: {user}/[^/]+
permissions: rw

[team-folder]
user: .+
collection: team
permissions: R

[team-own-book]
user: .+
collection: team/{user}
permissions: rw

[team-books]
user: .+
collection: team/[^/]+
permissions: r
`;

/** Xandikos with its default principal (/user/) and address book (/user/contacts/addressbook/). */
export async function startXandikos() {
  const dir = mkdtempSync(join(tmpdir(), 'kring-xandikos-'));
  const port = await freePort();
  const child = spawn('xandikos', ['-d', dir, '--defaults', '-l', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await waitForPort(port).catch((e) => {
    throw new Error(`Xandikos did not start: ${stderr || e.message}`);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    book: `http://127.0.0.1:${port}/user/contacts/addressbook/`,
    async stop() {
      await stopGroups([child]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
