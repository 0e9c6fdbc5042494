import { defineConfig } from 'vite';

// The server (port 4000 by default) serves client/dist in production; in development Vite
// serves the app and forwards the API, including the graphql-ws WebSocket, to it.
const api = process.env.COUNTERSIGN_API ?? 'http://localhost:4000';

export default defineConfig({
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      '/health': { target: api, changeOrigin: true },
      '/export': { target: api, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
