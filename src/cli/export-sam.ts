import { main } from './export-sam-command';

process.exitCode = main(process.argv.slice(2));
