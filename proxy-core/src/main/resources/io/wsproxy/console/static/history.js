// Query history, kept in this browser only (localStorage), newest first. Passwords inside
// statements (CREATE USER ... IDENTIFIED BY '...', SET PASSWORD = '...') are masked before
// anything is stored.

const KEY = 'wsproxy.console.history';
const MAX_ENTRIES = 100;
const QUOTED = String.raw`('(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*")`;
const SECRETS = [
  new RegExp(String.raw`(\bIDENTIFIED(?:\s+WITH\s+\S+)?\s+(?:BY|AS)\s+)` + QUOTED, 'gi'),
  new RegExp(String.raw`(\bPASSWORD\s*\(\s*)` + QUOTED, 'gi'),
  new RegExp(String.raw`(\bSET\s+PASSWORD\b[^=;]*=\s*)` + QUOTED, 'gi'),
];

export function redact(sql) {
  return SECRETS.reduce((text, pattern) => text.replace(pattern, "$1'***'"), sql);
}

export function load() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY));
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

export function add(sql) {
  const text = redact(sql);
  const list = [{ sql: text, at: Date.now() }, ...load().filter((h) => h.sql !== text)].slice(0, MAX_ENTRIES);
  save(list);
  return list;
}

export function clear() {
  save([]);
}

function save(list) {
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // storage full or disabled: the history is a convenience
  }
}
