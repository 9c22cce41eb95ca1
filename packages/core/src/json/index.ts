export type { JsonOut } from './jackson.ts';
export { toJacksonJson } from './jackson.ts';
export { javaDouble, pythonFloat } from './java-double.ts';
export type { ParseJsonOptions } from './parse-json.ts';
export { parseJson } from './parse-json.ts';
export { plainJson } from './plain-json.ts';
export { toPythonJson } from './python-json.ts';
