import type { ReactNode } from 'react';

/**
 * A toolbar button with an icon and a name. The name is its accessible name and its tooltip
 * (on hover and on keyboard focus); on wide screens it is also shown beside the icon. `keys`
 * adds the shortcut to the tooltip.
 */
export function ToolButton({
  icon,
  label,
  keys,
  onClick,
  pressed,
  disabled,
  primary,
  wide = true,
  tip,
  name,
}: {
  icon: ReactNode;
  label: string;
  keys?: string;
  onClick(): void;
  pressed?: boolean;
  disabled?: boolean;
  primary?: boolean;
  /** Show the name beside the icon where there is room (≥ 1880 px). */
  wide?: boolean;
  /** A longer tooltip than the name. */
  tip?: string;
  /** An accessible name longer than the visible one (it must contain it). */
  name?: string;
}) {
  return (
    <button
      type="button"
      className={`tool-button${primary ? ' tool-button--primary' : ''}${wide ? ' tool-button--wide' : ''}`}
      data-tip={`${tip ?? label}${keys ? ` (${keys})` : ''}`}
      aria-label={name}
      aria-pressed={pressed}
      aria-keyshortcuts={keys ? keys.replace(/\bCtrl\b/g, 'Control') : undefined}
      disabled={disabled}
      onClick={onClick}
    >
      {icon}
      <span className="tool-button__text">{label}</span>
    </button>
  );
}
