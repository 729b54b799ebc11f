// One /ws session (the proxy's JSON protocol, version 1): authenticate, run queries, cancel.
// The password goes into the auth message and nowhere else; the session does not keep it.

export const SUBPROTOCOL = 'wsproxy.v1';

/** Why a session could not be opened. kind: 'blocked' | 'unreachable' | 'auth' | 'closed'. */
export class OpenError extends Error {
  constructor(kind, message, detail = {}) {
    super(message);
    this.kind = kind;
    Object.assign(this, detail);
  }
}

export class Session {
  constructor(url) {
    this.url = url;
    this.ws = null;
    this.sinks = new Map();
    this.nextId = 1;
    this.onclose = () => {};
    this.onsessionerror = () => {};
  }

  /** Resolves with the server's ready message; rejects with an OpenError. */
  open(user, password, database) {
    return new Promise((resolve, reject) => {
      let ws;
      try {
        ws = new WebSocket(this.url, [SUBPROTOCOL]);
      } catch (e) {
        // e.g. ws:// from an https page (mixed content), or a malformed URL
        reject(new OpenError('blocked', e.message));
        return;
      }
      this.ws = ws;
      let opened = false;
      let ready = false;
      ws.onopen = () => {
        opened = true;
        const auth = { type: 'auth', user, password, options: { bigint: 'string' } };
        if (database) auth.database = database;
        ws.send(JSON.stringify(auth));
      };
      ws.onmessage = (event) => {
        const msg = JSON.parse(event.data);
        if (ready) {
          this.dispatch(msg);
        } else if (msg.type === 'ready') {
          ready = true;
          resolve(msg);
        } else if (msg.type === 'error') {
          reject(new OpenError('auth', msg.message, { error: msg }));
        }
      };
      ws.onclose = (event) => {
        if (!ready) {
          // A refused upgrade (403, 503), no server and an untrusted certificate all end here
          // with code 1006: the browser does not tell the page which.
          reject(new OpenError(opened ? 'closed' : 'unreachable',
            `closed with code ${event.code}${event.reason ? ' (' + event.reason + ')' : ''}`,
            { code: event.code }));
          return;
        }
        for (const sink of this.sinks.values()) {
          sink.error({ code: 0, sqlState: '', message: `the connection closed (code ${event.code})` });
        }
        this.sinks.clear();
        this.onclose(event);
      };
    });
  }

  /**
   * Sends a query; the sink receives columns(cols), rows(rows), end(msg), ok(msg), error(msg)
   * and done() after the last of them. Returns the query's id.
   */
  query(sql, sink) {
    const id = String(this.nextId++);
    this.sinks.set(id, sink);
    this.ws.send(JSON.stringify({ type: 'query', id, sql }));
    return id;
  }

  cancel(id) {
    if (this.sinks.has(id)) this.ws.send(JSON.stringify({ type: 'cancel', id }));
  }

  close() {
    if (this.ws) this.ws.close(1000);
  }

  dispatch(msg) {
    const sink = msg.id === undefined ? undefined : this.sinks.get(String(msg.id));
    if (!sink) {
      // A cancel that reached the proxy after its query ended is answered with 9110: harmless.
      if (msg.type === 'error' && msg.id === undefined) this.onsessionerror(msg);
      return;
    }
    let last = false;
    switch (msg.type) {
      case 'columns': sink.columns(msg.columns); break;
      case 'rows': sink.rows(msg.rows); break;
      case 'end': sink.end(msg); last = !msg.more; break;
      case 'ok': sink.ok(msg); last = !msg.more; break;
      case 'error': sink.error(msg); last = true; break;
      default: break;
    }
    if (last) {
      this.sinks.delete(String(msg.id));
      sink.done();
    }
  }
}
