// The production server (`npm run serve`): Next's request handler behind the rendered-page cache
// (lib/server/page-cache.js). Same flags as `next start`: -p PORT, -H HOST (or PORT / HOSTNAME).
// RENDER_CACHE=0 turns the cache off (every request rendered), e.g. to measure bare rendering.
const http = require('node:http');
const path = require('node:path');
const { createHash } = require('node:crypto');
const Database = require('better-sqlite3');
const next = require('next');
const { PageCache, cacheKey } = require('../lib/server/page-cache.js');

const SESSION_COOKIE = 'rk_session'; // lib/auth/session.ts

function arg(flag, fallback) {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const port = Number(arg('-p', process.env.PORT || '3000'));
const hostname = arg('-H', process.env.HOSTNAME || '0.0.0.0');
const cacheOn = process.env.RENDER_CACHE !== '0';
const dir = path.resolve(__dirname, '..');

/**
 * A read-only connection of its own: its `PRAGMA data_version` changes whenever any other
 * connection (the app's, the worker's, a script's) commits, which is what invalidates the cache.
 * Opened lazily: the app's first request creates and migrates the database.
 */
let checks = null;
function database() {
  if (!checks) {
    const db = new Database(process.env.DATABASE_URL || path.join(dir, 'data', 'rekindle.db'), {
      readonly: true,
      fileMustExist: true,
    });
    db.pragma('busy_timeout = 5000');
    checks = {
      version: db.prepare('PRAGMA data_version').pluck(),
      session: db.prepare(
        `SELECT 1 FROM sessions s JOIN staff st ON st.id = s.staff_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND st.disabled = 0`,
      ),
    };
  }
  return checks;
}
// Set afresh for each response: a kept page's framing headers belonged to its first delivery.
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date'];
const clockOffset = Number(process.env.REKINDLE_CLOCK_OFFSET_MS || 0);

/** Tees what Next writes to `res` into a buffer, then hands the finished page to `done`. */
function capture(res, done) {
  const chunks = [];
  let bytes = 0;
  let over = false;
  const { write, end, writeHead } = res;
  let headHeaders = {};
  res.writeHead = function (status, ...rest) {
    const h = rest.find((x) => x && typeof x === 'object');
    if (h && !Array.isArray(h)) headHeaders = h;
    return writeHead.call(this, status, ...rest);
  };
  const keep = (chunk, encoding) => {
    if (over || chunk == null || typeof chunk === 'function') return;
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8');
    bytes += b.length;
    if (bytes > 4 * 1024 * 1024) over = true;
    else chunks.push(b);
  };
  res.write = function (chunk, encoding, cb) {
    keep(chunk, encoding);
    return write.call(this, chunk, encoding, cb);
  };
  res.end = function (chunk, encoding, cb) {
    keep(chunk, encoding);
    const r = end.call(this, chunk, encoding, cb);
    if (!over) done({ status: res.statusCode, headers: { ...headHeaders, ...res.getHeaders() }, body: Buffer.concat(chunks) });
    return r;
  };
}

async function main() {
  const app = next({ dev: false, dir, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const cache = new PageCache();

  const server = http.createServer((req, res) => {
    const request = cacheOn ? cacheKey(req, SESSION_COOKIE) : null;
    if (!request) return handle(req, res);
    const { key, token } = request;
    let conn;
    let version;
    try {
      conn = database();
      version = String(conn.version.get());
    } catch {
      return handle(req, res); // no database yet: let the app create it
    }
    const hit = cache.get(key, version, Date.now());
    // A kept page is served only to a session that is still valid now (db/staff.ts hashToken).
    const hashed = () => createHash('sha256').update(token).digest('hex');
    if (hit && conn.session.get(hashed(), Date.now() + clockOffset)) {
      const headers = { ...hit.headers, 'x-rekindle-cache': 'hit' };
      for (const h of HOP_BY_HOP) delete headers[h];
      headers['content-length'] = hit.body.length;
      res.writeHead(hit.status, headers);
      res.end(hit.body);
      return;
    }
    res.setHeader('x-rekindle-cache', 'miss');
    capture(res, (page) => cache.set(key, version, Date.now(), page));
    return handle(req, res);
  });
  server.listen(port, hostname, () => {
    console.log(`Rekindle listening on http://${hostname}:${port} (render cache ${cacheOn ? 'on' : 'off'})`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
