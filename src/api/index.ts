export { buildServer, type ServerOptions } from './server.ts';
export { errorBody } from './errors.ts';
export { ensureWebBuilt, registerWebApp } from './web.ts';
