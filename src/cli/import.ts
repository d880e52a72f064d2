import { main } from './import-command';

process.exitCode = main(process.argv.slice(2));
