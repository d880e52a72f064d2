import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import { useFileImport } from '../persistence/file-import';

/** Whether a drag carries files from the desktop (not a palette item or a text selection). */
export function carriesFiles(dt: DataTransfer | null): boolean {
  return !!dt && Array.from(dt.types).includes('Files');
}

/**
 * A file dragged from the desktop onto the canvas opens through the same import as the
 * Import button (a template's report first, the diagram unchanged until accepted). While a
 * file is over the canvas, the drop zone is highlighted. Anywhere else in the window a
 * dropped file is refused, so the browser never navigates away from the person's work to
 * show the file.
 */
export function useFileDrop() {
  const [active, setActive] = useState(false);

  useEffect(() => {
    const refuse = (e: globalThis.DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      if (e.type === 'dragover' && e.dataTransfer) e.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);

  /** True when the drag is a file drag and was handled here. */
  const over = useCallback((e: DragEvent) => {
    if (!carriesFiles(e.dataTransfer)) return false;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'copy';
    setActive(true);
    return true;
  }, []);

  const leave = useCallback((e: DragEvent) => {
    // Moving between the canvas's own children fires leave too: only leaving the canvas counts.
    const to = e.relatedTarget as Node | null;
    if (to && e.currentTarget.contains(to)) return;
    setActive(false);
  }, []);

  const drop = useCallback((e: DragEvent) => {
    if (!carriesFiles(e.dataTransfer)) return false;
    e.preventDefault();
    e.stopPropagation();
    setActive(false);
    const file = e.dataTransfer.files[0];
    if (file) void useFileImport.getState().open(file);
    return true;
  }, []);

  return useMemo(() => ({ active, over, leave, drop }), [active, over, leave, drop]);
}
