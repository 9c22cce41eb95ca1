export { flag, optionalNumber, optionalString, requiredString, stringList } from './args.ts';
export type { CliIO, Command, CommandArgs } from './command.ts';
export { UsageError } from './command.ts';
export { main } from './main.ts';
