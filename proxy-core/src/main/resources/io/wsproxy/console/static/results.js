// Results of one query: a table per result set, a line per statement without one, and the
// engine's error. A result set's table is virtualised: only the rows in view (and a few more)
// are in the DOM, so 100,000 rows cost an array, not 100,000 table rows, and rows arriving
// while the user scrolls never block the page. Rendering happens at most once per frame.

import { toCsv, download } from './csv.js';

const ROW_HEIGHT = 24; // px: .grid td's height in console.css
const OVERSCAN = 12;
/** Rows kept per result set; beyond it rows are counted, not kept (the browser's memory is finite). */
export const KEEP_ROWS = 500000;
const MAX_CELL_CHARS = 500;

const number = new Intl.NumberFormat('en-US');

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function display(value) {
  if (value === null || value === undefined) return 'NULL';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) + '…' : text;
}

export class ResultSetView {
  constructor(parent, columns, ordinal) {
    this.columns = columns;
    this.ordinal = ordinal;
    this.rows = [];
    this.received = 0;
    this.rowCount = null;
    this.first = -1;
    this.last = -1;
    this.scheduled = false;

    this.el = el('section', 'result');
    this.el.dataset.kind = 'rows';
    const head = el('div', 'result-head');
    this.summary = el('span', 'summary');
    const csv = el('button', 'csv', 'Export CSV');
    csv.type = 'button';
    csv.addEventListener('click', () => this.exportCsv());
    head.append(this.summary, csv);

    this.viewport = el('div', 'grid-viewport');
    this.viewport.tabIndex = 0;
    const table = el('table', 'grid');
    this.colgroup = el('colgroup');
    for (let i = 0; i < columns.length; i++) this.colgroup.append(el('col'));
    const headRow = el('tr');
    for (const c of columns) {
      const th = el('th');
      th.append(el('span', 'name', c.name), el('span', 'type', c.type + (c.nullable ? '' : ' NOT NULL')));
      headRow.append(th);
    }
    const thead = el('thead');
    thead.append(headRow);
    this.tbody = el('tbody');
    this.topPad = this.pad();
    this.bottomPad = this.pad();
    table.append(this.colgroup, thead, this.tbody);
    this.viewport.append(table);
    this.viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.el.append(head, this.viewport);
    parent.append(this.el);
    this.schedule();
  }

  pad() {
    const tr = el('tr', 'pad');
    const td = el('td');
    td.colSpan = Math.max(1, this.columns.length);
    tr.append(td);
    return tr;
  }

  append(rows) {
    const room = KEEP_ROWS - this.rows.length;
    if (room > 0) {
      for (let i = 0; i < rows.length && i < room; i++) this.rows.push(rows[i]);
    }
    this.received += rows.length;
    this.schedule();
  }

  finish(rowCount) {
    this.rowCount = rowCount;
    this.el.dataset.rows = String(rowCount);
    this.schedule();
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.render();
    });
  }

  render() {
    if (!this.widths && this.rows.length > 0) this.fixWidths();
    const height = this.viewport.clientHeight || 400;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, first + Math.ceil(height / ROW_HEIGHT) + 2 * OVERSCAN);
    if (first !== this.first || last !== this.last) {
      this.first = first;
      this.last = last;
      const fragment = document.createDocumentFragment();
      fragment.append(this.topPad);
      for (let i = first; i < last; i++) {
        const tr = el('tr', 'data');
        for (const value of this.rows[i]) {
          tr.append(el('td', value === null ? 'null' : undefined, display(value)));
        }
        fragment.append(tr);
      }
      fragment.append(this.bottomPad);
      this.tbody.replaceChildren(fragment);
    }
    this.topPad.style.height = first * ROW_HEIGHT + 'px';
    this.bottomPad.style.height = (this.rows.length - last) * ROW_HEIGHT + 'px';
    this.topPad.hidden = first === 0;
    this.bottomPad.hidden = last === this.rows.length;
    this.summary.textContent = this.describe();
  }

  describe() {
    const n = this.rowCount ?? this.received;
    let text = `Result ${this.ordinal} · ${number.format(n)} row${n === 1 ? '' : 's'}`;
    if (this.rowCount === null) text += ' so far…';
    if (n > this.rows.length) text += ` (the first ${number.format(this.rows.length)} kept)`;
    return text;
  }

  /** Column widths from the names and the first rows, fixed so scrolling does not reflow. */
  fixWidths() {
    this.widths = this.columns.map((c, i) => {
      let chars = Math.max(c.name.length, c.type.length + 2);
      for (let r = 0; r < Math.min(200, this.rows.length); r++) {
        chars = Math.max(chars, display(this.rows[r][i]).length);
      }
      return Math.min(400, Math.max(60, chars * 8 + 20));
    });
    [...this.colgroup.children].forEach((col, i) => { col.style.width = this.widths[i] + 'px'; });
  }

  exportCsv() {
    download(`result-${this.ordinal}.csv`, toCsv(this.columns, this.rows));
  }
}

export function okView(msg) {
  const s = el('section', 'result ok');
  s.dataset.kind = 'ok';
  s.dataset.affectedRows = String(msg.affectedRows);
  const n = Number(msg.affectedRows);
  let text = `Query OK, ${number.format(n)} row${n === 1 ? '' : 's'} affected`;
  if (Number(msg.lastInsertId) > 0) text += `, last insert id ${msg.lastInsertId}`;
  if (msg.warnings > 0) text += `, ${msg.warnings} warning${msg.warnings === 1 ? '' : 's'}`;
  s.textContent = text;
  return s;
}

export function errorView(msg) {
  const s = el('section', 'result error');
  s.dataset.kind = 'error';
  s.dataset.code = String(msg.code);
  s.setAttribute('role', 'alert');
  s.textContent = `ERROR ${msg.code}${msg.sqlState ? ' (' + msg.sqlState + ')' : ''}: ${msg.message}`;
  return s;
}
