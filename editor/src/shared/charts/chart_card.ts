// A titled panel holding one chart and its table: a "Table" toggle shows the
// numbers instead of the picture (the table is always in the document for
// screen readers, visually hidden while the chart shows), "Export CSV"
// downloads the table, and the panel has loading, empty and error states so
// no view ever shows a blank box.
import { h, replaceChildren } from '../dom';
import { describeError } from '../notices';
import { csvFileName, downloadText, renderTable, toCsv, type TableModel } from './data_table';

export interface ChartContent<Row> {
  chart?: Element | null;      // null/absent: a table-only panel
  table: TableModel<Row>;
  summary?: Node | string;     // one line above the chart ("42% converted")
  // Start with the table showing: when its rows carry actions (links, buttons)
  // the table is the main content and the chart the overview.
  tableFirst?: boolean;
}

export class ChartCard {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly actions: HTMLElement;
  private showTable: boolean | null = null;  // null: not chosen yet

  constructor(readonly title: string, private readonly csvName: string, headingLevel: 'h2' | 'h3' = 'h2') {
    this.actions = h('div', { class: 'card-actions' });
    this.body = h('div', { class: 'card-body', 'aria-live': 'polite', 'aria-busy': 'false' });
    this.element = h('section', { class: 'card chart-card', 'aria-label': title },
      h('div', { class: 'card-head' }, h(headingLevel, {}, title), this.actions), this.body);
  }

  loading(message = 'Loading'): void {
    this.actions.replaceChildren();
    this.body.setAttribute('aria-busy', 'true');
    replaceChildren(this.body, h('div', { class: 'loading chart-loading' }, message));
  }

  empty(message: string, hint?: string): void {
    this.actions.replaceChildren();
    this.body.setAttribute('aria-busy', 'false');
    replaceChildren(this.body, h('div', { class: 'empty-state' }, h('p', {}, message), hint ? h('p', { class: 'muted' }, hint) : null));
  }

  error(e: unknown): void {
    this.actions.replaceChildren();
    this.body.setAttribute('aria-busy', 'false');
    replaceChildren(this.body, h('p', { class: 'form-error', role: 'alert' }, describeError(e)));
  }

  show<Row>(content: ChartContent<Row>): void {
    this.body.setAttribute('aria-busy', 'false');
    this.showTable ??= content.tableFirst ?? false;
    const table = renderTable(content.table);
    const chartBox = content.chart ? h('div', { class: 'chart-box' }, content.chart) : null;
    const tableBox = h('div', { class: 'table-box' }, table);
    const apply = () => {
      if (!chartBox) return;
      const showTable = !!this.showTable;
      chartBox.hidden = showTable;
      tableBox.classList.toggle('sr-only', !showTable);
      toggle.setAttribute('aria-pressed', String(showTable));
    };
    const toggle = h('button', { type: 'button', class: 'small', 'aria-pressed': 'false', title: 'Show the numbers as a table' }, 'Table');
    toggle.addEventListener('click', () => { this.showTable = !this.showTable; apply(); });
    const exportButton = h('button', { type: 'button', class: 'small', title: `Download "${this.title}" as CSV` }, 'Export CSV');
    exportButton.addEventListener('click', () => downloadText(csvFileName(this.csvName), toCsv(content.table)));
    replaceChildren(this.actions, chartBox ? toggle : null, exportButton);
    replaceChildren(this.body, content.summary ? h('div', { class: 'chart-summary' }, content.summary) : null, chartBox, tableBox);
    apply();
  }
}
