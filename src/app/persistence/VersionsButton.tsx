import { History } from 'lucide-react';
import { useState } from 'react';
import { ToolButton } from '../ui/ToolButton';
import { VersionsDialog } from './VersionsDialog';

/** Opens the saved versions of the work (VersionsDialog). */
export function VersionsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <ToolButton
        icon={<History size={20} aria-hidden="true" />}
        label="History"
        tip="Bring back an earlier save of this diagram"
        onClick={() => setOpen(true)}
      />
      {open ? <VersionsDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
