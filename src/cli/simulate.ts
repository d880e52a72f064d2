import { runCommand } from './guarded';
import { main } from './simulate-command';

await runCommand(main);
