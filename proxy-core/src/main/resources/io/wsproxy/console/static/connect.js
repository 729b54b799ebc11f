// Where the page connects, and what it tells the user when it cannot. An entry has Studio's
// keys: { name, hostname, port, websocket, websocketSSL }.

export function authority(entry) {
  const host = String(entry.hostname).trim();
  const ipv6 = host.includes(':') && !host.startsWith('[');
  return (ipv6 ? `[${host}]` : host) + ':' + entry.port;
}

export function webSocketUrl(entry) {
  return `${entry.websocketSSL ? 'wss' : 'ws'}://${authority(entry)}/ws`;
}

export function httpBase(entry) {
  return `${entry.websocketSSL ? 'https' : 'http'}://${authority(entry)}`;
}

/** Why the console will not try this entry at all, or null. */
export function refusal(entry, pageProtocol) {
  const name = entry.name ? `"${entry.name}"` : 'This cluster';
  if (!entry.websocket) {
    return `${name} has websocket = false, so the console cannot connect to it: the console runs in `
      + 'your browser and reaches a cluster only through its WebSocket proxy. Start the proxy on the '
      + 'cluster (https_proxy_port or http_proxy_port), then set websocket = true, websocketSSL and '
      + 'port (the proxy\'s port) in the cluster\'s entry.';
  }
  if (!String(entry.hostname ?? '').trim()) return 'Enter the host of the cluster\'s proxy.';
  const port = Number(entry.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return 'The port must be a number from 1 to 65535.';
  if (pageProtocol === 'https:' && !entry.websocketSSL) {
    return `${name} has websocketSSL = false, but this console is served over HTTPS and a browser `
      + 'does not open ws:// connections from an HTTPS page (mixed content). Use the proxy\'s '
      + 'https_proxy_port with websocketSSL = true.';
  }
  return null;
}

/**
 * Turns a failed open (an OpenError of session.js) into { kind, message } for the user. A
 * WebSocket that never opened tells the page nothing, so the proxy's origin check is asked.
 */
export async function explain(error, entry) {
  switch (error.kind) {
    case 'auth': {
      const e = error.error;
      return { kind: 'auth', message: `ERROR ${e.code} (${e.sqlState}): ${e.message}` };
    }
    case 'blocked':
      return { kind: 'blocked', message: `The browser refused to open ${webSocketUrl(entry)}: ${error.message}` };
    case 'closed':
      return { kind: 'closed', message: `The proxy closed the connection during login (${error.message}).` };
    default:
      return diagnose(entry);
  }
}

async function diagnose(entry) {
  const base = httpBase(entry);
  let answer;
  try {
    const response = await fetch(base + '/console/origin-check', { cache: 'no-store', credentials: 'omit' });
    if (!response.ok) {
      return {
        kind: 'refused-upgrade',
        message: `${base} refused the WebSocket upgrade and answered ${response.status} to the console's `
          + 'check: it does not look like a wsproxy proxy.',
      };
    }
    answer = await response.json();
  } catch {
    return {
      kind: 'unreachable',
      message: `Cannot reach a proxy at ${webSocketUrl(entry)}: nothing answers there, or this browser does `
        + `not trust its TLS certificate (open ${base}/healthz in this browser to see which).`,
    };
  }
  if (!answer.allowed) {
    const origin = answer.origin ?? location.origin;
    return {
      kind: 'origin',
      message: `Origin not allowed: the proxy at ${base} does not accept connections from pages of ${origin}. `
        + `A SUPER user on that cluster adds ${origin} to proxy_allowed_origins (a comma-separated list) and `
        + `restarts the proxy, e.g. SET GLOBAL proxy_allowed_origins = '${origin}'; RESTART PROXY;`,
    };
  }
  return {
    kind: 'refused-upgrade',
    message: `The proxy at ${base} refused the connection although it accepts this origin: it has reached `
      + 'proxy_max_sessions, or it is stopping. Its websocket_proxy.log says which.',
  };
}
