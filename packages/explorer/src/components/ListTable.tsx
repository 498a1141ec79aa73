// Lists as tables: one header a column, and each cell labelled with its column's header so a narrow screen can
// stack a row as "label: value" (styles.css). Declaring a column once keeps the header and the labels in step.
import type { ComponentChildren } from 'preact';

/** A column: its header and what it shows of a row. */
export type Column<T> = { label: string; cell: (row: T) => ComponentChildren };

/** `rows` as `<table class="list {kind}">`, one `<tr>` per row (keyed by `rowKey`, with `rowAttributes` if given). */
export function ListTable<T>({
  kind,
  columns,
  rows,
  rowKey,
  rowAttributes,
}: {
  kind: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  rowAttributes?: (row: T) => Record<string, string>;
}) {
  return (
    <table class={`list ${kind}`}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.label}>{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowAttributes?.(row)}>
            {columns.map((c) => (
              <td key={c.label} data-label={c.label}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
