export { buildServer, type ServerOptions } from './server.ts';
export { errorBody } from './errors.ts';
