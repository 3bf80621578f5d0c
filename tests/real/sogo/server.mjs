/**
 * A second real webmail on loopback, with a calendar: Debian's SOGo 5.8 behind nginx, on its own
 * PostgreSQL, memcached and Dovecot, with mail and CalDAV events written here
 * (tests/real/sogo/mailbox.mjs). Nothing is installed by this file (.ci/run installs the packages);
 * what it creates lives in one temporary folder, except SOGo's configuration, which SOGo reads only
 * from /etc/sogo/sogo.conf: the original is kept and put back by stop(), and a copy left behind by
 * a run that was killed is restored at the next start. See ../../../../shared/research/sogo.md.
 */
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDovecot, stopGroups, waitForPort } from '../loopback.mjs';
import { EVENTS, MESSAGES, PASSWORD, USER, LOGIN } from './mailbox.mjs';

const PG = '/usr/lib/postgresql/15/bin';
const SOGOD = '/usr/sbin/sogod';
const CONF = '/etc/sogo/sogo.conf';
const KEPT = '/etc/sogo/sogo.conf.kring-original';
const RESOURCES = '/usr/lib/GNUstep/SOGo/WebServerResources';
const NEEDED = [SOGOD, CONF, RESOURCES, `${PG}/initdb`, `${PG}/pg_ctl`, '/usr/bin/memcached', '/usr/sbin/nginx', '/usr/sbin/dovecot', '/usr/sbin/runuser'];

/** What is missing for this harness, or [] when it can run (root: it starts servers as their own users). */
export const missing = () => [...NEEDED.filter((p) => !existsSync(p)), ...(process.getuid?.() === 0 ? [] : ['root (to start PostgreSQL, SOGo and Dovecot as their users)'])];

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts }).toString();

function sogoConf({ pgPort, imapPort, memcachedPort }) {
  const pg = (table) => `"postgresql://sogo:sogo@127.0.0.1:${pgPort}/sogo/${table}"`;
  return `{
  SOGoProfileURL = ${pg('sogo_user_profile')};
  OCSFolderInfoURL = ${pg('sogo_folder_info')};
  OCSSessionsFolderURL = ${pg('sogo_sessions_folder')};
  OCSEMailAlarmsFolderURL = ${pg('sogo_alarms_folder')};
  SOGoUserSources = ({
    type = sql;
    id = users;
    viewURL = ${pg('sogo_users')};
    canAuthenticate = YES;
    isAddressBook = YES;
    displayName = "Users";
    userPasswordAlgorithm = plain;
  });
  SOGoIMAPServer = "imap://127.0.0.1:${imapPort}";
  NGImap4ConnectionStringSeparator = "/";
  SOGoMemcachedHost = "127.0.0.1:${memcachedPort}";
  SOGoTimeZone = "Europe/Amsterdam";
  SOGoLanguage = English;
  SOGoMailDomain = "example.test";
  SOGoSentFolderName = Sent;
  SOGoTrashFolderName = Trash;
  SOGoDraftsFolderName = Drafts;
  SOGoAppointmentSendEMailNotifications = NO;
  SOGoEnableEMailAlarms = NO;
  SOGoSieveScriptsEnabled = NO;
  SOGoVacationEnabled = NO;
  SOGoForwardEnabled = NO;
  SOGoMailAuxiliaryUserAccountsEnabled = NO;
  SOGoFirstDayOfWeek = 1;
  SOGoMailMessageCheck = manually;
  WOWorkersCount = 3;
}
`;
}

function nginxConf(dir, { httpPort, sogoPort }) {
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'nginx-error.log')};
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'nginx-body')};
  proxy_temp_path ${join(dir, 'nginx-proxy')};
  fastcgi_temp_path ${join(dir, 'nginx-fastcgi')};
  uwsgi_temp_path ${join(dir, 'nginx-uwsgi')};
  scgi_temp_path ${join(dir, 'nginx-scgi')};
  include /etc/nginx/mime.types;
  server {
    listen 127.0.0.1:${httpPort};
    server_name _;
    location = / { return 302 /SOGo/; }
    location ^~ /SOGo {
      proxy_pass http://127.0.0.1:${sogoPort};
      proxy_redirect http://127.0.0.1:${sogoPort} default;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header Host $host;
      proxy_set_header x-webobjects-server-protocol HTTP/1.0;
      proxy_set_header x-webobjects-remote-host 127.0.0.1;
      proxy_set_header x-webobjects-server-name $host;
      proxy_set_header x-webobjects-server-url $scheme://$http_host;
      proxy_set_header x-webobjects-server-port $server_port;
      proxy_connect_timeout 90;
      proxy_send_timeout 90;
      proxy_read_timeout 90;
      proxy_buffer_size 64k;
      proxy_buffers 8 64k;
      proxy_busy_buffers_size 64k;
      client_max_body_size 50m;
    }
    location /SOGo.woa/WebServerResources/ { alias ${RESOURCES}/; }
    location /SOGo/WebServerResources/ { alias ${RESOURCES}/; }
  }
}
`;
}

/** PUT a CalDAV event straight to sogod (nginx is for the browser), retrying while SOGo starts. */
async function putEvent(sogoPort, uid, ics) {
  const auth = `Basic ${Buffer.from(`${LOGIN}:${PASSWORD}`).toString('base64')}`;
  const url = `http://127.0.0.1:${sogoPort}/SOGo/dav/${LOGIN}/Calendar/personal/${uid}.ics`;
  let last = '';
  for (let i = 0; i < 50; i++) {
    try {
      const r = await fetch(url, { method: 'PUT', headers: { authorization: auth, 'content-type': 'text/calendar; charset=utf-8' }, body: ics });
      if (r.status === 201 || r.status === 204) return;
      last = `${r.status} ${await r.text()}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`CalDAV PUT of ${uid} failed: ${last.slice(0, 300)}`);
}

export async function startSogo() {
  const gone = missing();
  if (gone.length) throw new Error(`SOGo harness needs: ${gone.join(', ')} (bash .ci/run installs them)`);
  // A run that was killed before stop() left SOGo pointing at its servers: put the original back first.
  if (existsSync(KEPT)) copyFileSync(KEPT, CONF);
  const dir = mkdtempSync(join(tmpdir(), 'kring-sogo-'));
  chmodSync(dir, 0o755);
  const started = [];
  let confReplaced = false;
  const stop = async () => {
    await stopGroups(started);
    try {
      run('runuser', ['-u', 'postgres', '--', `${PG}/pg_ctl`, '-D', join(dir, 'pg'), '-m', 'immediate', 'stop']);
    } catch {
      /* not running */
    }
    if (confReplaced) {
      copyFileSync(KEPT, CONF);
      rmSync(KEPT, { force: true });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [pgPort, memcachedPort, sogoPort, httpPort] = [await freePort(), await freePort(), await freePort(), await freePort()];

    // PostgreSQL in a folder of its own, on loopback, with SOGo's role, database and users table.
    const pgDir = join(dir, 'pg');
    const sock = join(dir, 'pgsock');
    mkdirSync(sock);
    execFileSync('chown', ['postgres', sock]);
    mkdirSync(pgDir);
    execFileSync('chown', ['postgres', pgDir]);
    run('runuser', ['-u', 'postgres', '--', `${PG}/initdb`, '-D', pgDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
    run('runuser', ['-u', 'postgres', '--', `${PG}/pg_ctl`, '-D', pgDir, '-l', join(pgDir, 'log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${pgPort} -k ${sock}`, 'start']);
    const psql = (sql, db = 'postgres') => run('runuser', ['-u', 'postgres', '--', `${PG}/psql`, '-h', sock, '-p', String(pgPort), '-d', db, '-v', 'ON_ERROR_STOP=1', '-c', sql]);
    psql("CREATE ROLE sogo LOGIN PASSWORD 'sogo'");
    psql('CREATE DATABASE sogo OWNER sogo');
    psql(`CREATE TABLE sogo_users (c_uid varchar(128) PRIMARY KEY, c_name varchar(128), c_password varchar(128), c_cn varchar(128), mail varchar(128)); ALTER TABLE sogo_users OWNER TO sogo; INSERT INTO sogo_users VALUES ('${LOGIN}', '${LOGIN}', '${PASSWORD}', 'Sanne Bakker', '${USER}')`, 'sogo');

    const memcached = spawn('/usr/bin/memcached', ['-l', '127.0.0.1', '-p', String(memcachedPort), '-U', '0', '-u', 'memcache', '-m', '32'], { stdio: 'ignore', detached: true });
    started.push(memcached);
    const { port: imapPort, process: dovecot } = await startDovecot(dir, { user: LOGIN, password: PASSWORD, messages: MESSAGES });
    started.push(dovecot);

    // SOGo reads /etc/sogo/sogo.conf only: keep the original, write ours.
    copyFileSync(CONF, KEPT);
    confReplaced = true;
    writeFileSync(CONF, sogoConf({ pgPort, imapPort, memcachedPort }));
    mkdirSync('/run/sogo', { recursive: true });
    execFileSync('chown', ['sogo:sogo', '/run/sogo']);
    const logs = join(dir, 'sogo');
    mkdirSync(logs);
    execFileSync('chown', ['sogo:sogo', logs]);
    const sogod = spawn('runuser', ['-u', 'sogo', '--', SOGOD, '-WONoDetach', 'YES', '-WOPort', `127.0.0.1:${sogoPort}`, '-WOPidFile', join(logs, 'sogo.pid'), '-WOLogFile', join(logs, 'sogo.log')], { stdio: 'ignore', detached: true });
    started.push(sogod);

    writeFileSync(join(dir, 'nginx.conf'), nginxConf(dir, { httpPort, sogoPort }));
    const nginx = spawn('/usr/sbin/nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], { stdio: 'ignore', detached: true });
    started.push(nginx);
    await Promise.all([waitForPort(sogoPort, 30_000), waitForPort(httpPort)]);
    for (const e of EVENTS) await putEvent(sogoPort, e.uid, e.ics);
    return { httpPort, sogoPort, dir, log: () => readFileSync(join(logs, 'sogo.log'), 'utf8'), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
