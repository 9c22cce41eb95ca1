import type { Command } from '../command.ts';

/** Every `vigil` sub-command, in the order `vigil --help` lists them. */
export const commands: Command[] = [];
