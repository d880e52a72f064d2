import { Dialog } from '../ui/Dialog';

/** Why a file or a link could not be opened: every problem, each with where and what to fix. */
export function ProblemsDialog({
  title,
  intro,
  problems,
  onClose,
}: {
  title: string;
  intro: string;
  problems: string[];
  onClose(): void;
}) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      wide
      footer={
        <button type="button" className="button button--primary" onClick={onClose}>
          OK
        </button>
      }
    >
      <p>{intro}</p>
      <ul className="problem-list" aria-label="Problems">
        {problems.map((p, i) => (
          <li key={i} className="problem-list__item">
            <span aria-hidden="true">⚠ </span>
            {p}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
