'use strict';
// Drives Node's mysql2 against a MySQL server with server-side prepared statements (execute()):
// prints one JSON line per step, {"step": ..., ...}, for the Java test to check. Exits 0 once
// every step ran; a step that throws prints {"step": ..., "error": {code, errno, sqlState}} and
// the script goes on (errors are results the test checks too).
// Usage: node mysql2-execute.js HOST PORT USER PASSWORD DATABASE
//    or: node mysql2-execute.js ws://HOST:PORT/mysql - USER PASSWORD DATABASE
// The second form talks to the server through wsproxy's raw driver tunnel: mysql2 reads and
// writes a WebSocket stream (the ws package) instead of a TCP socket, and nothing else changes.
const mysql = require('mysql2/promise');
const { WebSocket, createWebSocketStream } = require('ws');

const [host, port, user, password, database] = process.argv.slice(2);

function out(step, fields) {
  process.stdout.write(JSON.stringify({ step, ...fields }) + '\n');
}

// JSON cannot carry Buffers, Dates or BigInts: describe them.
function plain(value) {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return { buffer: value.toString('hex') };
  if (value instanceof Date) return { date: value.toISOString() };
  if (typeof value === 'bigint') return { bigint: value.toString() };
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

async function step(name, body) {
  try {
    out(name, { result: plain(await body()) });
  } catch (e) {
    out(name, { error: { code: e.code, errno: e.errno, sqlState: e.sqlState, message: e.message } });
  }
}

async function main() {
  const through = /^wss?:/.test(host)
    ? { stream: createWebSocketStream(new WebSocket(host)) }
    : { host, port: Number(port) };
  const conn = await mysql.createConnection({
    ...through, user, password, timezone: 'Z', dateStrings: false, supportBigNumbers: true,
  });
  await conn.query(`CREATE DATABASE ${database}`);
  await conn.query(`USE ${database}`);
  await conn.query('CREATE TABLE t (id INT PRIMARY KEY, n DOUBLE, big BIGINT, d DECIMAL(10,2), s VARCHAR(40),'
    + ' flag BOOLEAN, ts DATETIME(3), dt DATE, b BLOB, j JSON, missing INT)');

  const insert = 'INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  await step('insert', async () => {
    const [r] = await conn.execute(insert, [1, 1.5, '9007199254740993', '12.34', "it's ☃", true,
      new Date(Date.UTC(2024, 1, 29, 13, 14, 15, 250)), '2024-02-29', Buffer.from([0, 1, 254, 255]),
      { k: [1, 'two', null] }, null]);
    return { affectedRows: r.affectedRows };
  });
  await step('insertAgain', async () => {
    const [r] = await conn.execute(insert, [2, -0.25, 7, null, null, false, null, null, null, null, null]);
    return { affectedRows: r.affectedRows };
  });
  await step('select', async () => {
    const [rows, fields] = await conn.execute('SELECT * FROM t WHERE id = ?', [1]);
    return { rows, types: fields.map((f) => f.columnType) };
  });
  await step('selectNulls', async () => {
    const [rows] = await conn.execute('SELECT * FROM t WHERE id = ?', [2]);
    return rows;
  });
  await step('reexecute', async () => {
    const seen = [];
    for (const id of [2, 1, 2]) {
      const [rows] = await conn.execute('SELECT id, s FROM t WHERE id = ?', [id]);
      seen.push(rows[0]);
    }
    return seen;
  });
  await step('bareParameter', async () => {
    const [rows] = await conn.execute('SELECT ? AS x, ? AS y', [42, 'text']);
    return rows;
  });
  await step('duplicate', async () => conn.execute(insert, [1, 0, 0, 0, '', false, null, null, null, null, null]));
  await step('transaction', async () => {
    await conn.beginTransaction();
    await conn.execute('UPDATE t SET s = ? WHERE id = ?', ['changed', 2]);
    await conn.rollback();
    const [rows] = await conn.execute('SELECT s FROM t WHERE id = ?', [2]);
    return rows;
  });
  await step('unprepare', async () => {
    const statement = await conn.prepare('SELECT COUNT(*) AS c FROM t WHERE id > ?');
    const [rows] = await statement.execute([0]);
    await statement.close();
    return rows;
  });
  await step('reset', async () => {
    await conn.query("SET @v = 'set'");
    await conn.reset();
    const [rows] = await conn.execute('SELECT @v AS v, DATABASE() AS db');
    return rows;
  });
  await conn.end();
  out('done', {});
}

main().catch((e) => {
  out('fatal', { error: { code: e.code, errno: e.errno, message: e.message } });
  process.exit(1);
});
