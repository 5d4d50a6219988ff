// The panel's tables: a header row, and rows whose cells carry their column's name (on a narrow screen each
// row stacks into label/value pairs). One place, so every table reads and stacks the same way.

import { html, nothing, type TemplateResult } from "lit";

export interface Column {
  label: string;
  /** Read by screen readers only (a column of buttons). */
  hidden?: boolean;
}

export interface Row {
  cells: unknown[];
  /** Marks the row (`data-key`), e.g. a slot number or a lock's id. */
  key?: string | number;
}

export function dataTable(columns: Column[], rows: Row[], testid?: string): TemplateResult {
  return html`<div class="table-wrap"><table class="stack" data-testid=${testid ?? nothing}>
    <thead><tr>
      ${columns.map((column) =>
        column.hidden
          ? html`<th scope="col"><span class="visually-hidden">${column.label}</span></th>`
          : html`<th scope="col">${column.label}</th>`,
      )}
    </tr></thead>
    <tbody>
      ${rows.map(
        (row) => html`<tr data-key=${row.key ?? nothing}>
          ${row.cells.map((cell, index) => {
            const column = columns[index];
            return html`<td class=${column?.hidden ? "end" : nothing} data-label=${column?.hidden ? "" : (column?.label ?? "")}>${cell}</td>`;
          })}
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

/** Columns from their labels. */
export function columns(...labels: string[]): Column[] {
  return labels.map((label) => ({ label }));
}
