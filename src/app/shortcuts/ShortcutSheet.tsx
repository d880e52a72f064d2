import { Dialog } from '../ui/Dialog';
import { KEYMAP, keysLabel, SECTIONS, type Shortcut } from './keymap';

const ROWS = Object.entries(KEYMAP) as [string, Shortcut][];

/** Every key the app answers to, drawn from the keymap the key handlers read (Ctrl means ⌘ on a Mac). */
export function ShortcutSheet({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <p className="shortcut-note">Ctrl means ⌘ on a Mac.</p>
      {SECTIONS.map((section) => (
        <table key={section} className="shortcut-table">
          <caption>{section}</caption>
          <tbody>
            {ROWS.filter(([, s]) => s.section === section).map(([id, s]) => (
              <tr key={id} data-shortcut={id}>
                <th scope="row">
                  <kbd>{keysLabel(s)}</kbd>
                  {s.where ? <span className="shortcut-where"> {s.where}</span> : null}
                </th>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </Dialog>
  );
}
