import { useState } from 'react';
import type { Result } from '../../engine/result';
import { billCsv, metricsCsv, seriesCsv } from './export/csv';
import { dataUrlToBlob, diagramImage, type DiagramFormat } from './export/diagram-image';
import { downloadBlob, downloadText, slug } from './export/download';
import { resultJson } from './export/result-json';
import { useScenarioStore } from '../store/scenario';

/**
 * Everything a run can be taken away as. Result files need a result; the diagram can be
 * exported any time. (Each chart has its own PNG button.)
 */
export function ExportMenu({ result, scenarioName }: { result: Result | null; scenarioName: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  const base = slug(result?.scenario ?? scenarioName);

  const resultItems = result
    ? [
        {
          label: 'Result (JSON)',
          run: () => downloadText(resultJson(result), `${base}-result.json`, 'application/json'),
        },
        {
          label: 'Time series (CSV)',
          run: () => downloadText(seriesCsv(result), `${base}-series.csv`, 'text/csv'),
        },
        { label: 'Bill (CSV)', run: () => downloadText(billCsv(result), `${base}-bill.csv`, 'text/csv') },
        {
          label: 'Node metrics (CSV)',
          run: () => downloadText(metricsCsv(result), `${base}-metrics.csv`, 'text/csv'),
        },
      ]
    : [];

  async function exportDiagram(format: DiagramFormat) {
    const url = await diagramImage(format);
    downloadBlob(await dataUrlToBlob(url), `${base}-diagram.${format}`);
  }

  async function exportTemplate() {
    // The exporter (and its YAML writer) loads on first use.
    const { exportSam } = await import('../../engine/sam/export');
    const r = exportSam(useScenarioStore.getState().doc);
    if (!r.ok) throw new Error(`the diagram is not valid: ${r.errors[0]}`);
    downloadText(r.yaml, `${base}.template.yaml`, 'application/yaml');
  }

  const items = [
    ...resultItems,
    { label: 'Diagram (PNG)', run: () => exportDiagram('png') },
    { label: 'Diagram (SVG)', run: () => exportDiagram('svg') },
    { label: 'SAM template', run: exportTemplate },
  ];

  return (
    <div className="export">
      <details className="export-menu">
        <summary>Export</summary>
        <ul role="menu">
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={async (e) => {
                  (e.currentTarget.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
                  try {
                    setFailure(null);
                    await item.run();
                  } catch (err) {
                    setFailure(`${item.label}: ${err instanceof Error ? err.message : String(err)}`);
                  }
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      </details>
      {failure && (
        <p className="export-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
