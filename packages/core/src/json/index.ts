export type { JsonOut } from './jackson.ts';
export { toJacksonJson } from './jackson.ts';
export { javaDouble, pythonFloat } from './java-double.ts';
export { toPythonJson } from './python-json.ts';
