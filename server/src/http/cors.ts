import type { CORSOptions } from 'graphql-yoga';

/**
 * Cross-origin access to /graphql: none by default (the web app is same-origin and needs none); the origins
 * in CORS_ORIGINS get it, without credentials, since sessions travel as bearer tokens, not cookies.
 */
export function corsFor(origins: string[]): (request: Request) => CORSOptions {
  return (request) => {
    const origin = request.headers.get('origin');
    return origin && origins.includes(origin) ? { origin: [origin], credentials: false, maxAge: 600 } : false;
  };
}
