// A result set as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a quote, a comma
// or a line break). NULL is an empty field; JSON values are written as JSON text.

export function toCsv(columns, rows) {
  const lines = [columns.map((c) => field(c.name)).join(',')];
  for (const row of rows) lines.push(row.map(cell).join(','));
  return lines.join('\r\n') + '\r\n';
}

function cell(value) {
  if (value === null || value === undefined) return '';
  return field(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function field(text) {
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** Offers text to the user as a file download, built in the page: nothing goes to a server. */
export function download(fileName, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type: type + ';charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once click() returns to the event loop.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
