'use strict';
// Drives SingleStore's own generated Data API client (@singlestore/http-client), unchanged,
// against wsproxy's Data API: prints one JSON line per call, {"step": ..., "result"|"error": ...},
// for the Java test to check.
// Usage: node singlestore-http-client.js BASE_URL USER PASSWORD DATABASE
const SingleStore = require('@singlestore/http-client');

const [base, user, password, database] = process.argv.slice(2);
const client = new SingleStore.ApiClient(base);
client.authentications.BasicAuth.username = user;
client.authentications.BasicAuth.password = password;
const api = new SingleStore.HttpApi(client);

function out(step, fields) {
  process.stdout.write(JSON.stringify({ step, ...fields }) + '\n');
}

async function step(name, body) {
  try {
    out(name, { result: await body() });
  } catch (e) {
    out(name, { error: { status: e.status, text: e.response ? e.response.text : String(e) } });
  }
}

async function main() {
  await step('ping', () => api.ping());
  await step('create', () => api.exec({ execInput: { sql: `CREATE DATABASE ${database}` } }));
  await step('table', () => api.exec({ execInput: {
    sql: 'CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20), price DECIMAL(6,2))', database } }));
  await step('insert', () => api.exec({ execInput: {
    sql: 'INSERT INTO t (name, price) VALUES (?, ?)', args: ['tea', 2.5], database } }));
  await step('rows', () => api.rows({ queryInput: { sql: 'SELECT id, name, price FROM t', database } }));
  await step('tuples', () => api.tuples({ queryInput: { sql: 'SELECT id, name FROM t WHERE id = ?', args: [1], database } }));
  await step('missing', () => api.rows({ queryInput: { sql: 'SELECT * FROM nope', database } }));
  await step('spec', async () => JSON.parse(await api.spec()).openapi);
  out('done', {});
}

main().catch((e) => {
  out('fatal', { error: String(e) });
  process.exit(1);
});
