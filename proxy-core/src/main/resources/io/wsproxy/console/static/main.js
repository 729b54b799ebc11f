// The console page: a connection form with SingleStore Studio's fields, a SQL editor, results.
// Settings and history live in this browser's localStorage; the password is read from its
// field once per login, sent in the auth message, and the field is cleared.

import { Session } from './session.js';
import { ResultSetView, okView, errorView } from './results.js';
import * as history from './history.js';
import { refusal, explain, webSocketUrl } from './connect.js';

const SETTINGS_KEY = 'wsproxy.console.connection';
const CLOSE_REASONS = {
  1000: 'disconnected',
  1001: 'the node is shutting down',
  1006: 'the connection was lost',
  1008: 'the proxy ended the session (policy)',
  1011: 'the proxy hit an internal error',
  1012: 'the proxy restarted on another port or protocol',
};
const $ = (id) => document.getElementById(id);
const number = new Intl.NumberFormat('en-US');

const state = { mode: 'proxy', clusters: [], session: null, run: null };

init();

async function init() {
  const saved = loadSettings();
  try {
    const response = await fetch('/console/clusters.json', { cache: 'no-store' });
    if (response.ok) Object.assign(state, await response.json());
  } catch {
    // served without a cluster list: connect to this page's own proxy
  }
  if (state.mode === 'state-file') {
    showClusters(saved.cluster);
  } else {
    $('host').value = saved.host ?? location.hostname;
    $('port').value = saved.port ?? (location.port || (location.protocol === 'https:' ? '443' : '80'));
    $('websocket').checked = saved.websocket ?? true;
    $('websocketSSL').checked = saved.websocketSSL ?? location.protocol === 'https:';
  }
  $('user').value = saved.user ?? '';
  $('database').value = saved.database ?? '';
  $('connect-form').addEventListener('submit', connect);
  $('disconnect').addEventListener('click', () => state.session?.close());
  $('run').addEventListener('click', run);
  $('cancel').addEventListener('click', cancel);
  $('sql').addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      run();
    }
  });
  $('clear-history').addEventListener('click', () => {
    history.clear();
    showHistory();
  });
  showHistory();
  setConnected(false);
  document.body.dataset.ready = 'true';
}

function showClusters(selected) {
  const select = $('cluster');
  for (const c of state.clusters) {
    const option = document.createElement('option');
    option.value = c.id;
    option.textContent = `${c.name} (${c.hostname}:${c.port}${c.websocket ? (c.websocketSSL ? ', wss' : ', ws') : ', no websocket'})`;
    select.append(option);
  }
  if (state.clusters.some((c) => c.id === selected)) select.value = selected;
  select.addEventListener('change', fillFromCluster);
  $('cluster-row').hidden = false;
  for (const id of ['host', 'port', 'websocket', 'websocketSSL']) $(id).disabled = true;
  fillFromCluster();
}

function selectedCluster() {
  return state.clusters.find((c) => c.id === $('cluster').value);
}

function fillFromCluster() {
  const c = selectedCluster();
  if (!c) return;
  $('host').value = c.hostname;
  $('port').value = c.port;
  $('websocket').checked = c.websocket;
  $('websocketSSL').checked = c.websocketSSL;
  const why = refusal(c, location.protocol);
  $('cluster-note').textContent = why ?? (c.description || '');
  $('cluster-note').classList.toggle('warn', Boolean(why));
}

function entry() {
  const c = state.mode === 'state-file' ? selectedCluster() : undefined;
  return {
    id: c?.id,
    name: c?.name,
    hostname: $('host').value.trim(),
    port: Number($('port').value),
    websocket: $('websocket').checked,
    websocketSSL: $('websocketSSL').checked,
  };
}

async function connect(event) {
  event.preventDefault();
  if (state.session) return;
  const target = entry();
  const refused = refusal(target, location.protocol);
  if (refused) {
    showConnectError({ kind: 'refused', message: refused });
    return;
  }
  const user = $('user').value;
  const database = $('database').value.trim();
  const session = new Session(webSocketUrl(target));
  showConnectError(null);
  setConnState('connecting', `Connecting to ${webSocketUrl(target)}…`);
  $('connect').disabled = true;
  try {
    const ready = await session.open(user, $('password').value, database);
    state.session = session;
    session.onclose = disconnected;
    session.onsessionerror = (e) => setStatus('failed', `ERROR ${e.code} (${e.sqlState}): ${e.message}`);
    saveSettings({ cluster: target.id, host: target.hostname, port: target.port, websocket: target.websocket,
      websocketSSL: target.websocketSSL, user, database });
    setConnected(true);
    setConnState('connected', `${user}@${target.hostname}:${target.port} over ${target.websocketSSL ? 'wss' : 'ws'}`
      + ` · connection ${ready.connectionId} · ${ready.serverVersion}`
      + (ready.database ? ` · database ${ready.database}` : ''));
    $('sql').focus();
  } catch (error) {
    session.close();
    setConnState('disconnected', 'Not connected');
    showConnectError(await explain(error, target));
  } finally {
    $('password').value = '';
    $('connect').disabled = false;
  }
}

function disconnected(event) {
  state.session = null;
  if (state.run) endRun(state.run);
  setConnected(false);
  const why = CLOSE_REASONS[event.code] ?? `closed with code ${event.code}`;
  setConnState('disconnected', `Not connected (${why})`);
  if (event.code !== 1000) showConnectError({ kind: 'closed', message: `The session ended: ${why}.` });
}

function run() {
  if (!state.session || state.run) return;
  const editor = $('sql');
  const selected = editor.value.slice(editor.selectionStart, editor.selectionEnd);
  const sql = (selected.trim() ? selected : editor.value).trim();
  if (!sql) return;
  history.add(sql);
  showHistory();
  const results = $('results');
  results.replaceChildren();
  results.dataset.run = String(Number(results.dataset.run ?? 0) + 1);
  const r = { started: performance.now(), rows: 0, sets: 0, current: null, error: null, cancelled: false };
  state.run = r;
  $('run').disabled = true;
  $('cancel').disabled = false;
  setStatus('running', 'Running…');
  r.ticker = setInterval(() => tick(r), 100);
  r.id = state.session.query(sql, {
    columns(columns) {
      r.sets++;
      r.current = new ResultSetView(results, columns, r.sets);
    },
    rows(rows) {
      r.current.append(rows);
      r.rows += rows.length;
    },
    end(msg) {
      r.current.finish(msg.rowCount);
      r.current = null;
    },
    ok(msg) {
      results.append(okView(msg));
    },
    error(msg) {
      r.error = msg;
      results.append(errorView(msg));
    },
    done() {
      endRun(r);
    },
  });
}

function tick(r) {
  $('elapsed').textContent = seconds(performance.now() - r.started);
  if (r.rows > 0) setStatus('running', `Running · ${number.format(r.rows)} rows received`);
}

function cancel() {
  const r = state.run;
  if (!r || !state.session) return;
  r.cancelled = true;
  state.session.cancel(r.id);
  $('cancel').disabled = true;
  setStatus('running', 'Cancelling…');
}

function endRun(r) {
  clearInterval(r.ticker);
  state.run = null;
  const took = seconds(performance.now() - r.started);
  $('elapsed').textContent = took;
  $('run').disabled = !state.session;
  $('cancel').disabled = true;
  if (r.error && r.cancelled) {
    setStatus('cancelled', `Cancelled after ${took}`);
  } else if (r.error) {
    setStatus('failed', `Failed after ${took}: ERROR ${r.error.code}`);
  } else {
    const sets = r.sets === 1 ? '1 result set' : `${r.sets} result sets`;
    setStatus('done', `Done in ${took}` + (r.sets ? ` · ${sets} · ${number.format(r.rows)} rows` : ''));
  }
}

function seconds(ms) {
  return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
}

function showHistory() {
  const list = $('history');
  list.replaceChildren();
  for (const h of history.load()) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'history-item';
    button.textContent = h.sql.length > 200 ? h.sql.slice(0, 200) + '…' : h.sql;
    button.title = new Date(h.at).toLocaleString();
    button.addEventListener('click', () => {
      $('sql').value = h.sql;
      $('sql').focus();
    });
    item.append(button);
    list.append(item);
  }
}

function setConnected(connected) {
  $('connect-fields').disabled = connected;
  $('connect').hidden = connected;
  $('disconnect').hidden = !connected;
  $('run').disabled = !connected || Boolean(state.run);
  if (!connected) $('cancel').disabled = true;
}

function setConnState(kind, text) {
  const e = $('conn-state');
  e.dataset.state = kind;
  e.textContent = text;
}

function setStatus(kind, text) {
  const e = $('status');
  e.dataset.state = kind;
  e.textContent = text;
}

function showConnectError(error) {
  const e = $('connect-error');
  e.hidden = !error;
  e.dataset.kind = error?.kind ?? '';
  e.textContent = error?.message ?? '';
}

function loadSettings() {
  try {
    return JSON.parse(localStorage.getItem(SETTINGS_KEY)) ?? {};
  } catch {
    return {};
  }
}

function saveSettings(settings) {
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // storage disabled: the form simply starts empty next time
  }
}
