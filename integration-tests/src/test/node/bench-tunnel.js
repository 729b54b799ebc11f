'use strict';
// B6's workload (BENCHMARKS.md): Node's mysql2 over a WebSocket stream, against whichever
// WebSocket-to-MySQL bridge the URL names (wsproxy's /mysql, or websockify in front of the
// engine's TCP port). One connection: SELECT 1 in a closed loop for RUN_MS after WARMUP_MS, then
// one bulk read of ROWS rows. Prints one JSON line with the figures.
// Usage: node bench-tunnel.js WS_URL USER PASSWORD WARMUP_MS RUN_MS ROWS
const mysql = require('mysql2/promise');
const { WebSocket, createWebSocketStream } = require('ws');

const [url, user, password, warmupMs, runMs, rows] = process.argv.slice(2);

async function loop(conn, ms, latencies) {
  const end = process.hrtime.bigint() + BigInt(ms) * 1000000n;
  let n = 0;
  while (process.hrtime.bigint() < end) {
    const t0 = process.hrtime.bigint();
    const [r] = await conn.query('SELECT 1 AS one');
    if (r[0].one !== 1) throw new Error('wrong row ' + JSON.stringify(r));
    if (latencies) latencies.push(Number(process.hrtime.bigint() - t0) / 1000);
    n++;
  }
  return n;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function main() {
  // websockify speaks to clients that offer 'binary' or no subprotocol; wsproxy ignores it on /mysql.
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const conn = await mysql.createConnection({ stream: createWebSocketStream(ws), user, password });
  await loop(conn, Number(warmupMs), null);
  const latencies = [];
  const started = process.hrtime.bigint();
  const queries = await loop(conn, Number(runMs), latencies);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const t0 = process.hrtime.bigint();
  const [big] = await conn.query(`SELECT X, REPEAT('x', 90) AS pad FROM SYSTEM_RANGE(1, ${Number(rows)})`);
  const bulkSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (big.length !== Number(rows)) throw new Error(`bulk read gave ${big.length} rows`);
  await conn.end();
  process.stdout.write(JSON.stringify({
    queries, queriesPerSec: queries / seconds, p50Us: percentile(latencies, 0.5), p99Us: percentile(latencies, 0.99),
    bulkRows: big.length, bulkRowsPerSec: big.length / bulkSeconds,
  }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
