export type { CliIO, Command, CommandArgs } from './command.ts';
export { flag, optionalNumber, optionalString, requiredString, stringList, UsageError } from './command.ts';
export { main } from './main.ts';
