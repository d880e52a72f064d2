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
    expect(field.textContent).toContain('128 MB to 10,240 MB');
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

  it('groups fields and titles them from the kind catalog; help waits behind its info toggle', () => {
    const onChange = vi.fn();
    render(
      <ParamsForm schema={functionParams} params={{}} onChange={onChange} words={KINDS.function.fields} />,
    );
    const groups = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(groups).toEqual([
      'Basics',
      'Performance',
      'Limits and concurrency',
      'Retries and failures',
      'Cost',
    ]);
    expect(screen.getByRole('region', { name: 'Performance' }).textContent).toContain('Handler duration');
    const arch = screen.getByLabelText('Architecture') as HTMLSelectElement;
    expect([...arch.options].map((o) => o.text)).toEqual(['x86_64', 'arm64 (Graviton)']);
    // The help is in the page (it describes the input) but hidden until the info button is pressed.
    const memory = screen.getByLabelText('Memory');
    const help = document.getElementById(memory.getAttribute('aria-describedby')!)!;
    expect(help.hidden).toBe(true);
    const info = screen.getByRole('button', { name: 'About Memory' });
    expect(info.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(info);
    expect(help.hidden).toBe(false);
    expect(info.getAttribute('aria-expanded')).toBe('true');
  });

  it('a fraction is typed as a percentage: 2.5 % is stored as 0.025, 150 % is refused in percent', () => {
    const onChange = vi.fn();
    render(
      <ParamsForm schema={functionParams} params={{}} onChange={onChange} words={KINDS.function.fields} />,
    );
    const rate = screen.getByLabelText('Handler error rate') as HTMLInputElement;
    expect(rate.value).toBe('0');
    fireEvent.change(rate, { target: { value: '2.5' } });
    expect(onChange).toHaveBeenLastCalledWith({ errorRate: 0.025 });
    cleanup();
    const refused = vi.fn();
    render(
      <ParamsForm
        schema={functionParams}
        params={{ errorRate: 0.07 }}
        onChange={refused}
        words={KINDS.function.fields}
      />,
    );
    const again = screen.getByLabelText('Handler error rate') as HTMLInputElement;
    // 0.07 shows as 7, not 7.000000000000001.
    expect(again.value).toBe('7');
    fireEvent.change(again, { target: { value: '150' } });
    expect(refused).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('must be 0 % to 100 %');
  });

  it('a distribution is a shape chooser: switching keeps the mean and writes the whole new shape', () => {
    const onChange = renderFunctionForm({ duration: { dist: 'lognormal', meanMs: 80, p99Ms: 400 } });
    const shapes = screen.getAllByRole('radio').map((r) => r.parentElement!.textContent);
    expect(shapes).toEqual(['Fixed', 'Normal', 'Log-normal', 'Exponential', 'Uniform']);
    fireEvent.click(screen.getByRole('radio', { name: 'Normal' }));
    expect(onChange).toHaveBeenLastCalledWith({ duration: { dist: 'normal', meanMs: 80, sdMs: 20 } });
    fireEvent.click(screen.getByRole('radio', { name: 'Uniform' }));
    expect(onChange).toHaveBeenLastCalledWith({
      duration: { dist: 'uniform', meanMs: 80, minMs: 40, maxMs: 120 },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Fixed' }));
    expect(onChange).toHaveBeenLastCalledWith({ duration: { dist: 'constant', meanMs: 80 } });
    // The lognormal's inputs are its mean and p99, in milliseconds.
    const p99 = screen.getByLabelText('p99 (99th percentile)') as HTMLInputElement;
    expect(p99.value).toBe('400');
    expect(p99.closest('.field')!.querySelector('.field__unit')!.textContent).toBe('ms');
  });

  it('a uniform distribution is set by its bounds, its mean kept in the middle', () => {
    const onChange = renderFunctionForm({
      duration: { dist: 'uniform', meanMs: 100, minMs: 50, maxMs: 150 },
    });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '250' } });
    expect(onChange).toHaveBeenLastCalledWith({
      duration: { dist: 'uniform', meanMs: 150, minMs: 50, maxMs: 250 },
    });
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
