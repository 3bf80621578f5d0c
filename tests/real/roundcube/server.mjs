/**
 * A real webmail on loopback for the end-to-end test: Debian's Dovecot (IMAP) and Roundcube 1.6
 * (PHP's built-in server), with a mailbox of messages written here. Nothing is installed by this
 * file (.ci/run installs the packages); everything it creates lives in one temporary folder.
 * See ../../../../shared/research/roundcube.md for how these pieces fit.
 */
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, utimesSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGES, USER, PASSWORD } from './mailbox.mjs';

const PUBLIC = '/var/lib/roundcube/public_html';
const NEEDED = ['/usr/sbin/dovecot', '/usr/bin/php', PUBLIC, '/usr/share/roundcube/SQL/sqlite.initial.sql', '/etc/roundcube/defaults.inc.php'];

/**
 * What is missing for this harness, or [] when it can run. It needs root: Dovecot, started by
 * root, hands the mail to an unprivileged user (CI machines run as root; .ci/run installs the rest).
 */
export const missing = () => [...NEEDED.filter((p) => !existsSync(p)), ...(process.getuid?.() === 0 ? [] : ['root (to start Dovecot)'])];

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function waitForPort(port, ms = 15_000) {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const c = connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listening on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Write the mailbox as Maildir files, each file's time its Date header. */
function writeMaildir(root) {
  for (const folder of ['', '.Sent']) for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(root, folder, sub), { recursive: true });
  MESSAGES.forEach((m, i) => {
    const time = Math.floor(Date.parse(m.date) / 1000);
    const file = join(root, m.folder === 'Sent' ? '.Sent' : '', 'cur', `${time}.M${i + 1}P1.kring:2,S`);
    writeFileSync(file, m.raw.replace(/\n/g, '\r\n'));
    utimesSync(file, time, time);
  });
  writeFileSync(join(root, 'subscriptions'), 'Sent\n');
}

export async function startRoundcube() {
  const gone = missing();
  if (gone.length) throw new Error(`Roundcube harness needs: ${gone.join(', ')} (bash .ci/run installs them)`);
  const dir = mkdtempSync(join(tmpdir(), 'kring-roundcube-'));
  chmodSync(dir, 0o755); // Dovecot's mail processes run unprivileged and must reach the mail
  const [imapPort, httpPort] = [await freePort(), await freePort()];

  // Dovecot: its own config, base_dir and passwd file; mail owned by an unprivileged user.
  const mail = join(dir, 'mail');
  writeMaildir(join(mail, USER));
  const uid = 65534;
  const gid = 65534;
  execFileSync('chown', ['-R', `${uid}:${gid}`, mail]);
  writeFileSync(join(dir, 'passwd'), `${USER}:{PLAIN}${PASSWORD}::::::\n`);
  mkdirSync(join(dir, 'run'));
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      'listen = 127.0.0.1',
      'protocols = imap',
      'ssl = no',
      'disable_plaintext_auth = no',
      `base_dir = ${join(dir, 'run')}`,
      `state_dir = ${join(dir, 'run')}`,
      `log_path = ${join(dir, 'dovecot.log')}`,
      `mail_location = maildir:${mail}/%u`,
      'first_valid_uid = 1',
      `passdb {\n  driver = passwd-file\n  args = ${join(dir, 'passwd')}\n}`,
      `userdb {\n  driver = static\n  args = uid=${uid} gid=${gid} home=${mail}/%u\n}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${imapPort}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'namespace inbox {\n  inbox = yes\n  mailbox Sent {\n    special_use = \\Sent\n  }\n}',
      '',
    ].join('\n'),
  );
  // Each server leads a process group of its own, so stopping it stops its workers too.
  const dovecot = spawn('/usr/sbin/dovecot', ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'ignore'], detached: true });

  // Roundcube: config folder of its own, an SQLite database from the packaged schema.
  const config = join(dir, 'config');
  mkdirSync(config);
  for (const f of ['defaults.inc.php', 'mimetypes.php']) symlinkSync(`/etc/roundcube/${f}`, join(config, f));
  for (const d of ['logs', 'temp']) mkdirSync(join(dir, d));
  const db = join(dir, 'roundcube.db');
  execFileSync('php', ['-r', `$db = new PDO('sqlite:${db}'); $db->exec(file_get_contents('/usr/share/roundcube/SQL/sqlite.initial.sql'));`]);
  writeFileSync(
    join(config, 'config.inc.php'),
    `<?php
$config = [];
$config['db_dsnw'] = 'sqlite:///${db}?mode=0640';
$config['imap_host'] = '127.0.0.1:${imapPort}';
$config['smtp_host'] = '';
$config['des_key'] = 'kring-test-des-key-24chr';
$config['log_dir'] = '${join(dir, 'logs')}/';
$config['temp_dir'] = '${join(dir, 'temp')}/';
$config['skin'] = 'elastic';
$config['timezone'] = 'Europe/Amsterdam';
$config['language'] = 'en_US';
$config['enable_installer'] = false;
$config['plugins'] = [];
$config['sent_mbox'] = 'Sent';
$config['create_default_folders'] = false;
`,
  );
  const php = spawn('php', ['-S', `127.0.0.1:${httpPort}`, '-t', PUBLIC], {
    env: { ...process.env, ROUNDCUBE_CONFIG_DIR: config, PHP_CLI_SERVER_WORKERS: '4' },
    stdio: ['ignore', 'ignore', 'ignore'],
    detached: true,
  });
  await Promise.all([waitForPort(imapPort), waitForPort(httpPort)]);
  return {
    httpPort,
    imapPort,
    dir,
    async stop() {
      const group = (p, signal) => {
        try {
          process.kill(-p.pid, signal);
        } catch {
          /* already gone */
        }
      };
      for (const p of [php, dovecot]) group(p, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      for (const p of [php, dovecot]) group(p, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
