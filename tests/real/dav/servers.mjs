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

/** Radicale with these users (name → password); a book per user is made by the client (MKCOL). */
export async function startRadicale(users) {
  const dir = mkdtempSync(join(tmpdir(), 'kring-radicale-'));
  chmodSync(dir, 0o777); // Radicale runs as nobody and keeps its collections here
  mkdirSync(join(dir, 'collections'));
  chmodSync(join(dir, 'collections'), 0o777);
  writeFileSync(join(dir, 'users'), Object.entries(users).map(([u, p]) => `${u}:${p}`).join('\n') + '\n', { mode: 0o644 });
  const port = await freePort();
  writeFileSync(
    join(dir, 'config'),
    `[server]\nhosts = 127.0.0.1:${port}\n[auth]\ntype = htpasswd\nhtpasswd_filename = ${join(dir, 'users')}\nhtpasswd_encryption = plain\n[rights]\ntype = owner_only\n[storage]\nfilesystem_folder = ${join(dir, 'collections')}\n[web]\ntype = none\n[logging]\nlevel = warning\n`,
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
    async stop() {
      await stopGroups([child]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

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
