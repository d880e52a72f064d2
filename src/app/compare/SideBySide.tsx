import { useMemo } from 'react';
import { BillColumn } from './BillColumn';
import { CompareBars } from './CompareBars';
import { OverlayChart } from './OverlayChart';
import { SideTable } from './SideTable';
import { SignificanceNote } from './SignificanceNote';
import { OVERLAYS, figuresOf } from './side-by-side-data';
import type { Column } from './side-columns';

/**
 * The designs' results next to each other: whether their costs really differ, a table of
 * figures, bars with whiskers, the bills by node, and overlaid series.
 */
export function SideBySide({
  columns,
  durationSeconds,
  replications,
}: {
  columns: Column[];
  durationSeconds: number;
  replications: number;
}) {
  const figures = useMemo(() => columns.map((c) => (c.result ? figuresOf(c.result) : null)), [columns]);
  return (
    <div className="compare-side">
      <SignificanceNote columns={columns} />
      <SideTable
        columns={columns}
        figures={figures}
        durationSeconds={durationSeconds}
        replications={replications}
      />
      <div className="compare-bars">
        <CompareBars columns={columns} figures={figures} metric="cost" />
        <CompareBars columns={columns} figures={figures} metric="p95" />
      </div>
      <h3 className="compare-subhead">Monthly bill by node</h3>
      <div className="compare-bills">
        {columns.map((c) => (
          <BillColumn key={c.entry.key} column={c} />
        ))}
      </div>
      <h3 className="compare-subhead">Over time{replications > 1 ? ' (the first run of each)' : ''}</h3>
      <div className="compare-overlays">
        {OVERLAYS.map((spec) => (
          <OverlayChart key={spec.id} spec={spec} columns={columns} />
        ))}
      </div>
    </div>
  );
}
