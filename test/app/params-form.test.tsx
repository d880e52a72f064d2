import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { KINDS, NODE_KINDS } from '../../src/engine/kinds/registry';
import { functionParams } from '../../src/engine/kinds/function/schema';
import { ParamsForm } from '../../src/app/inspector/ParamsForm';

afterEach(cleanup);

function renderFunctionForm(params: Record<string, unknown> = {}) {
  const onChange = vi.fn();
  render(<ParamsForm schema={functionParams} params={params} onChange={onChange} />);
  return onChange;
}

describe('ParamsForm (generated from a kind schema)', () => {
  it('shows defaults, ranges, units and the help with its source tag', () => {
    renderFunctionForm();
    const memory = screen.getByLabelText('Memory') as HTMLInputElement;
    expect(memory.value).toBe('128');
    const field = memory.closest('[data-field="memoryMB"]')!;
    expect(field.textContent).toContain('128–10,240 MB');
    expect(field.textContent).toContain('default 128 MB');
    expect(field.textContent).toContain('using default');
    expect(field.textContent).toContain('[L-Q23]');
    expect((screen.getByLabelText('Runtime') as HTMLSelectElement).value).toBe('nodejs22.x');
  });

  it('flags an out-of-range number with the schema message and does not write it', () => {
    const onChange = renderFunctionForm({ memoryMB: 512 });
    const memory = screen.getByLabelText('Memory') as HTMLInputElement;
    fireEvent.change(memory, { target: { value: '50' } });
    expect(screen.getByRole('alert').textContent).toContain('Memory must be 128–10,240 MB');
    expect(memory.getAttribute('aria-invalid')).toBe('true');
    expect(memory.value).toBe('50');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('flags text that is not a number', () => {
    const onChange = renderFunctionForm();
    fireEvent.change(screen.getByLabelText('Memory'), { target: { value: 'lots' } });
    expect(screen.getByRole('alert').textContent).toContain('must be a number');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('writes a valid value, and removes the key when the field is emptied (default applies)', () => {
    const onChange = renderFunctionForm({ memoryMB: 512 });
    fireEvent.change(screen.getByLabelText('Memory'), { target: { value: '1024' } });
    expect(onChange).toHaveBeenLastCalledWith({ memoryMB: 1024 });
    fireEvent.change(screen.getByLabelText('Memory'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({});
  });

  it('writes a value that breaks another field, and shows the message on that field', () => {
    // provisioned 10 ≤ reserved 20; lowering reserved to 5 is allowed, provisioned is flagged.
    const params = { reservedConcurrency: 20, provisionedConcurrency: 10 };
    const onChange = renderFunctionForm(params);
    fireEvent.change(screen.getByLabelText('Reserved concurrency'), { target: { value: '5' } });
    expect(onChange).toHaveBeenLastCalledWith({ reservedConcurrency: 5, provisionedConcurrency: 10 });
    cleanup();
    renderFunctionForm({ reservedConcurrency: 5, provisionedConcurrency: 10 });
    const provisioned = screen.getByLabelText('Provisioned concurrency');
    expect(provisioned.closest('.field')!.textContent).toContain('must be at most reservedConcurrency (5)');
  });

  it('edits nested objects (a distribution) through the same schema', () => {
    const onChange = renderFunctionForm();
    const mean = screen.getAllByLabelText('Mean')[0];
    expect((mean as HTMLInputElement).value).toBe('100');
    fireEvent.change(mean, { target: { value: '250' } });
    expect(onChange).toHaveBeenLastCalledWith({ duration: { dist: 'lognormal', meanMs: 250, p99Ms: 300 } });
  });

  it.each(NODE_KINDS)('renders the %s form for defaults and for garbage without crashing', (kind) => {
    const schema = KINDS[kind].params;
    render(<ParamsForm schema={schema} params={{}} onChange={() => {}} />);
    cleanup();
    const garbage = {
      memoryMB: 'x',
      traffic: 7,
      eventTypes: 'no',
      instances: { min: -1 },
      duration: null,
      shards: [],
      type: 42,
    };
    render(<ParamsForm schema={schema} params={garbage} onChange={() => {}} />);
  });
});
