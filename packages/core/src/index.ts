export * from './config/index.ts';
export * from './errors/index.ts';
export * from './events/index.ts';
export * from './hashing/index.ts';
export * from './json/index.ts';
export * from './layout/index.ts';
export * from './ports/index.ts';
export * from './window/index.ts';
