// Tables behind every chart: one column model renders the HTML table (the
// chart's text alternative) and the CSV export, so what a user downloads is
// exactly what the table shows, with raw numbers instead of formatted ones.
import { h } from '../dom';

export type Cell = string | number | boolean | null | undefined;

export interface Column<Row> {
  label: string;
  csvLabel?: string;  // the CSV header when it differs (e.g. with the unit of the raw value)
  value(row: Row): Cell;
  // What the table shows (default: the value, numbers localised).
  render?(row: Row): Node | string;
  numeric?: boolean;
}

export interface TableModel<Row = unknown> {
  caption: string;
  columns: Array<Column<Row>>;
  rows: Row[];
}

export function renderTable<Row>(model: TableModel<Row>, className = 'data-table'): HTMLTableElement {
  return h('table', { class: className },
    h('caption', { class: 'sr-only' }, model.caption),
    h('thead', {}, h('tr', {}, model.columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label)))),
    h('tbody', {}, model.rows.map((row) => h('tr', {}, model.columns.map((c, i) => {
      const content = c.render ? c.render(row) : displayCell(c.value(row));
      return i === 0 && !c.numeric ? h('th', { scope: 'row' }, content) : h('td', { class: c.numeric ? 'num' : null }, content);
    })))));
}

function displayCell(value: Cell): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return value.toLocaleString();
  return String(value);
}

// RFC 4180 CSV. Text cells that a spreadsheet would run as a formula (=, +, -, @,
// tab, CR) get a leading apostrophe: event names and URLs come from end users.
export function toCsv<Row>(model: TableModel<Row>): string {
  const lines = [model.columns.map((c) => csvCell(c.csvLabel ?? c.label)).join(',')];
  for (const row of model.rows) lines.push(model.columns.map((c) => csvCell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// Offers `text` as a file download (a Blob URL on a temporary link).
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// "funnel onboarding 2026-11-01" → "funnel-onboarding-2026-11-01.csv"
export function csvFileName(...parts: string[]): string {
  const base = parts.join('-').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return `${base || 'export'}.csv`;
}
