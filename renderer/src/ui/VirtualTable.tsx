import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

const rowHeight = 44;

/**
 * A table whose body only holds the rows in view, so 100,000 rows scroll like 100. Columns are laid out
 * by the `className`'s grid in styles.css; ARIA roles make it read as a table.
 */
export function VirtualTable<Row>({
  label,
  rows,
  rowKey,
  header,
  cells,
  className,
  bodyTestId,
  rowTestId,
}: {
  label: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  header: ReactNode;
  cells: (row: Row) => ReactNode;
  className?: string;
  bodyTestId?: string;
  rowTestId?: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back fresh functions each render by design; nothing here is memoized across renders.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12 });

  return (
    <div className={`table${className ? ` ${className}` : ''}`} role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div className="table-head" role="rowgroup">
        <div className="table-row" role="row" aria-rowindex={1}>
          {header}
        </div>
      </div>
      <div className="table-body" ref={scrollRef} role="rowgroup" data-testid={bodyTestId}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <div
                key={rowKey(row)}
                className="table-row"
                role="row"
                aria-rowindex={item.index + 2}
                data-testid={rowTestId}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
                {cells(row)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
