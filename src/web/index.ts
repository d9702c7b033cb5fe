// web stage, public surface: the dashboard and the pre-publication check API.
export { buildWebApp, type WebAppOptions } from './app.ts';
export { createWebContext, type WebContext } from './context.ts';
export { hashPassword, verifyPassword, newApiToken } from './passwords.ts';
export { escapeHtml } from './html.ts';
