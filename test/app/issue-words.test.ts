import { describe, expect, it } from 'vitest';
import { issueInWords } from '../../src/app/inspector/issue-words';
import { emptyScenario, type ScenarioDoc } from '../../src/app/store/scenario-doc';

const doc: ScenarioDoc = {
  ...emptyScenario('t'),
  nodes: [
    { id: 'up', kind: 'bucket', label: 'Uploads', position: { x: 0, y: 0 }, params: {} },
    { id: 'thumb', kind: 'function', label: 'Make thumbnails', position: { x: 0, y: 0 }, params: {} },
  ],
  edges: [{ id: 'e1', source: 'up', target: 'thumb', params: {} }],
};

describe('issues in the diagram’s words', () => {
  it('names a connection by its ends’ labels, never by its index', () => {
    const text = issueInWords(
      { path: 'edges[0].params.batchSize', message: 'must be 1–10,000', value: 0, edgeId: 'e1' },
      doc,
    );
    expect(text).toBe('the connection Uploads → Make thumbnails, batch size: 0 — must be 1–10,000');
    expect(text).not.toMatch(/edges\[/);
  });

  it('names a node by its label and the field in words', () => {
    expect(
      issueInWords(
        { path: 'nodes[1].params.memoryMB', message: 'must be 128–10,240 MB', value: 64, nodeId: 'thumb' },
        doc,
      ),
    ).toBe('Make thumbnails, memory MB: 64 — must be 128–10,240 MB');
  });
});
