import './template-report.css';
import { groupNotMapped, type ImportReport } from '../../engine/sam/report';
import { Dialog } from '../ui/Dialog';

/**
 * What an import of a SAM / CloudFormation template understood, shown before anything
 * changes: the diagram is replaced only on "Open this diagram".
 */
export function TemplateReportDialog({
  report,
  onAccept,
  onCancel,
}: {
  report: ImportReport;
  onAccept(): void;
  onCancel(): void;
}) {
  const notMapped = groupNotMapped(report.notMapped);
  return (
    <Dialog
      title={`Import ${report.file}`}
      onClose={onCancel}
      wide
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button--primary" onClick={onAccept}>
            Open this diagram
          </button>
        </>
      }
    >
      <div className="template-report" data-testid="template-report">
        <p>
          {report.nodes.length} nodes and {report.edges.length} edges. Your current diagram is unchanged until
          you open this one (and Undo brings it back).
        </p>
        {report.trafficToSet.length > 0 ? (
          <section aria-label="Traffic to set">
            <h3>Set the traffic</h3>
            <p>
              A producer stands in front of each entry point at a placeholder{' '}
              {report.trafficToSet[0].ratePerSecond} request/s. Set the real rates before you read the bill:
            </p>
            <ul>
              {report.trafficToSet.map((t) => (
                <li key={t.producerId}>
                  <code>{t.producerId}</code> → <code>{t.target}</code>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-label="Became nodes">
          <h3>Became nodes</h3>
          <ul>
            {report.nodes.map((n) => (
              <li key={n.id}>
                <code>{n.id}</code> ({n.kind}) ← {n.from.join(', ')}
              </li>
            ))}
          </ul>
        </section>
        {report.edges.length > 0 ? (
          <section aria-label="Became edges">
            <h3>Became edges</h3>
            <p>
              Only invocations and event sources make edges: environment variables and IAM policies do not.
            </p>
            <ul>
              {report.edges.map((e) => (
                <li key={e.id}>
                  <code>{e.source}</code> → <code>{e.target}</code>
                  {e.role !== 'invoke' ? ` (${e.role})` : ''} ← {e.from}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {notMapped.length > 0 ? (
          <section aria-label="Not mapped">
            <h3>Not mapped</h3>
            <ul>
              {notMapped.map((g) => (
                <li key={g.reason}>
                  {g.reason}: {g.types.map((t) => `${t.type} (${t.ids.join(', ')})`).join('; ')}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {report.partsNotMapped.length > 0 ? (
          <section aria-label="Not mapped inside a resource">
            <h3>Not mapped inside a resource</h3>
            <ul>
              {report.partsNotMapped.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          </section>
        ) : null}
        {report.unwired.length > 0 ? (
          <section aria-label="Not wired">
            <h3>Not wired</h3>
            <ul>
              {report.unwired.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-label="Assumed">
          <h3>Assumed</h3>
          <ul>
            {report.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </section>
        {report.folded.length + report.warnings.length > 0 ? (
          <details>
            <summary>Details ({report.folded.length + report.warnings.length})</summary>
            <ul>
              {report.folded.map((f) => (
                <li key={f.logicalId}>
                  {f.logicalId} ({f.type}) read into {f.into}
                </li>
              ))}
              {report.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </Dialog>
  );
}
