import { h } from '@navette/web-kit';
import { toCsv } from './download.js';

/** One cell: what a person reads, and the number (or name) behind it, which the CSV carries. */
export interface Cell {
  text: string;
  value: string | number | null;
}

export interface DataTableInput {
  caption: string;
  headers: string[];
  rows: Cell[][];
}

/**
 * A table of numbers beside a chart (its accessible equivalent): a caption, a header row, the first
 * column naming each row. `csv()` gives the same table with the numbers unformatted.
 */
export class DataTable {
  readonly element: HTMLTableElement;
  private readonly caption = h('caption');
  private readonly head = h('thead');
  private readonly body = h('tbody');
  private input: DataTableInput = { caption: '', headers: [], rows: [] };

  constructor(testId: string) {
    this.element = h(
      'table',
      { class: 'data-table', 'data-testid': testId },
      this.caption,
      this.head,
      this.body,
    );
  }

  render(input: DataTableInput): void {
    this.input = input;
    this.caption.textContent = input.caption;
    this.head.replaceChildren(h('tr', {}, ...input.headers.map((text) => h('th', { scope: 'col' }, text))));
    this.body.replaceChildren(
      ...input.rows.map((row) =>
        h(
          'tr',
          {},
          ...row.map((cell, i) =>
            h(i === 0 ? 'th' : 'td', {
              ...(i === 0 ? { scope: 'row' } : {}),
              'data-value': cell.value === null ? '' : String(cell.value),
              textContent: cell.text,
            }),
          ),
        ),
      ),
    );
  }

  /** The header row and every row's values, as RFC 4180 CSV. */
  csv(): string {
    return toCsv([this.input.headers, ...this.input.rows.map((row) => row.map((cell) => cell.value))]);
  }
}
