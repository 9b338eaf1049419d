// Server-compatible (no hooks): the header row of tables whose cell styles are set once on the <table>.

/** A `<thead>` of plain column headers, styled by the table's own `[&_th]` classes. */
export function ColumnHeaders({ headers }: { headers: readonly string[] }) {
  return (
    <thead>
      <tr>
        {headers.map((h) => (
          <th key={h} scope="col">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
