/**
 * A real webmail on loopback for the end-to-end test: Debian's Dovecot (IMAP) and Roundcube 1.6
 * (PHP's built-in server), with a mailbox of messages written here. Nothing is installed by this
 * file (.ci/run installs the packages); everything it creates lives in one temporary folder.
 * See ../../../../shared/research/roundcube.md for how these pieces fit.
 */
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDovecot, stopGroups, waitForPort } from '../loopback.mjs';
import { MESSAGES, USER, PASSWORD } from './mailbox.mjs';

const PUBLIC = '/var/lib/roundcube/public_html';
const NEEDED = ['/usr/sbin/dovecot', '/usr/bin/php', PUBLIC, '/usr/share/roundcube/SQL/sqlite.initial.sql', '/etc/roundcube/defaults.inc.php'];

/**
 * What is missing for this harness, or [] when it can run. It needs root: Dovecot, started by
 * root, hands the mail to an unprivileged user (CI machines run as root; .ci/run installs the rest).
 */
export const missing = () => [...NEEDED.filter((p) => !existsSync(p)), ...(process.getuid?.() === 0 ? [] : ['root (to start Dovecot)'])];

/**
 * Start Dovecot and Roundcube with a mailbox: the default one (mailbox.mjs), or `user`, `password`
 * and `messages` given; `pageSize` rows per list page (Roundcube's default 50).
 */
export async function startRoundcube({ user = USER, password = PASSWORD, messages = MESSAGES, pageSize = 50 } = {}) {
  const gone = missing();
  if (gone.length) throw new Error(`Roundcube harness needs: ${gone.join(', ')} (bash .ci/run installs them)`);
  const dir = mkdtempSync(join(tmpdir(), 'kring-roundcube-'));
  chmodSync(dir, 0o755); // Dovecot's mail processes run unprivileged and must reach the mail
  const { port: imapPort, process: dovecot } = await startDovecot(dir, { user, password, messages });
  const httpPort = await freePort();

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
$config['mail_pagesize'] = ${pageSize};
$config['max_pagesize'] = ${Math.max(pageSize, 200)};
`,
  );
  // PHP's own server, as a deployment serves Roundcube: code cached (OPcache), and the skin's
  // versioned files with the month's expiry Roundcube's .htaccess gives them (mod_expires), so a
  // browser opening message after message does not fetch and compile them each time.
  const router = join(config, 'router.php');
  writeFileSync(
    router,
    `<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$types = ['css' => 'text/css', 'js' => 'text/javascript', 'woff2' => 'font/woff2', 'woff' => 'font/woff', 'svg' => 'image/svg+xml', 'png' => 'image/png', 'gif' => 'image/gif', 'ico' => 'image/x-icon'];
$ext = strtolower(pathinfo($path, PATHINFO_EXTENSION));
$file = realpath($_SERVER['DOCUMENT_ROOT'] . $path);
if (isset($types[$ext]) && $file !== false && is_file($file) && strpos($path, '..') === false) {
  header('Content-Type: ' . $types[$ext]);
  header('Cache-Control: public, max-age=2592000');
  readfile($file);
  return true;
}
return false;
`,
  );
  const php = spawn('php', ['-d', 'opcache.enable_cli=1', '-S', `127.0.0.1:${httpPort}`, '-t', PUBLIC, router], {
    env: { ...process.env, ROUNDCUBE_CONFIG_DIR: config, PHP_CLI_SERVER_WORKERS: '4' },
    stdio: ['ignore', 'ignore', 'ignore'],
    detached: true,
  });
  await waitForPort(httpPort);
  return {
    httpPort,
    imapPort,
    dir,
    async stop() {
      await stopGroups([php, dovecot]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
