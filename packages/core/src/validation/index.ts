export { caseInsensitiveEnum } from './case-insensitive-enum.ts';
export { CLARIFY_METHODS, knownClarifyMethods } from './clarify-methods.ts';
export { issuePath } from './issue-path.ts';
export type { DocumentSource } from './validate-document.ts';
export { parseJsonText, validateDocument } from './validate-document.ts';
