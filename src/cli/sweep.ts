import { main } from './sweep-command';

process.exitCode = await main(process.argv.slice(2));
