import { runCommand } from './guarded';
import { main } from './sweep-command';

await runCommand(main);
