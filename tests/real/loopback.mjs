/**
 * What the real-webmail harnesses share: free loopback ports, waiting for a server, a Dovecot IMAP
 * server of their own with a Maildir written from test messages, and stopping a server's whole
 * process group. Nothing here installs anything (.ci/run does); everything lives in the caller's
 * temporary folder.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

export const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

export async function waitForPort(port, ms = 15_000) {
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

/**
 * One test message as a mail file: real headers (encoded words, Cc, Message-ID, list headers as
 * given in `extra`), UTF-8 text.
 */
export const rawMessage = ({ date, from, to, cc, subject, id, body, extra = [] }) =>
  [
    `Return-Path: <${/<([^>]+)>/.exec(from)?.[1] ?? from}>`,
    `From: ${from}`,
    `To: ${to}`,
    ...(cc ? [`Cc: ${cc}`] : []),
    `Subject: ${subject}`,
    `Date: ${new Date(date).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${id}@kring.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    ...extra,
    '',
    body,
    '',
  ].join('\n');

/** Write messages as Maildir files (INBOX and `.Sent`), each file's time its Date header. */
function writeMaildir(root, messages) {
  for (const folder of ['', '.Sent']) for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(root, folder, sub), { recursive: true });
  messages.forEach((m, i) => {
    const time = Math.floor(Date.parse(m.date) / 1000);
    const file = join(root, m.folder === 'Sent' ? '.Sent' : '', 'cur', `${time}.M${i + 1}P1.kring:2,S`);
    writeFileSync(file, m.raw.replace(/\n/g, '\r\n'));
    utimesSync(file, time, time);
  });
  writeFileSync(join(root, 'subscriptions'), 'Sent\n');
}

/**
 * Dovecot IMAP on a loopback port: its own config, base_dir and passwd file, one user whose mail
 * is owned by an unprivileged user (Dovecot started as root hands it over; hence harnesses need root).
 */
export async function startDovecot(dir, { user, password, messages }) {
  const port = await freePort();
  const mail = join(dir, 'mail');
  writeMaildir(join(mail, user), messages);
  const uid = 65534;
  const gid = 65534;
  execFileSync('chown', ['-R', `${uid}:${gid}`, mail]);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
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
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'namespace inbox {\n  inbox = yes\n  mailbox Sent {\n    special_use = \\Sent\n  }\n  mailbox Trash {\n    special_use = \\Trash\n  }\n  mailbox Drafts {\n    special_use = \\Drafts\n  }\n}',
      '',
    ].join('\n'),
  );
  // Each server leads a process group of its own, so stopping it stops its workers too.
  const process = spawn('/usr/sbin/dovecot', ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'ignore'], detached: true });
  await waitForPort(port);
  return { port, process };
}

/** Stop servers started with `detached: true`: their whole groups, politely first. */
export async function stopGroups(processes) {
  const group = (p, signal) => {
    try {
      process.kill(-p.pid, signal);
    } catch {
      /* already gone */
    }
  };
  for (const p of processes) group(p, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  for (const p of processes) group(p, 'SIGKILL');
}
