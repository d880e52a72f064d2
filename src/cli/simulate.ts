import { main } from './simulate-command';

process.exitCode = main(process.argv.slice(2));
