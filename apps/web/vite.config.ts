import { fileURLToPath } from 'node:url';
import { SYMMETRY_TYPES } from '@symval/attestation/validators';
import { defineConfig, loadEnv } from 'vite';
import { originOf } from './build/csp.js';
import { notFoundPagePlugin, sitePlugin, sizeReportPlugin } from './build/site-plugin.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig(({ mode }) => {
  // VITE_* from .env files in this folder or from the environment.
  const env = loadEnv(mode, here('.'), 'VITE_');
  const connectSrc = [
    originOf(env.VITE_API_BASE),
    originOf(env.VITE_SNAPSHOT_URL),
    ...(env.VITE_CSP_CONNECT_SRC ?? '').split(/\s+/),
  ].filter((source): source is string => Boolean(source));

  return {
    root: here('site'),
    envDir: here('.'),
    // Relative asset URLs: the site works from any path, e.g. behind a CDN prefix.
    base: './',
    build: {
      outDir: here('dist'),
      emptyOutDir: true,
      target: 'es2022',
      // The polyfill is for browsers without <link rel=modulepreload>; every target has it.
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: {
          members: here('site/index.html'),
          join: here('site/join/index.html'),
          symmetries: here('site/symmetries/index.html'),
          'group-id': here('site/group-id/index.html'),
          'how-it-works': here('site/how-it-works/index.html'),
          withdraw: here('site/withdraw/index.html'),
          // Served at every /owners/<id>/ (apps/web/edge/viewer-request.js rewrites to it).
          owner: here('site/owners/_/index.html'),
          'not-found': here('site/404.html'),
        },
      },
    },
    plugins: [
      sitePlugin({
        types: SYMMETRY_TYPES,
        csp: { connectSrc },
        snapshotUrl: env.VITE_SNAPSHOT_URL,
      }),
      notFoundPagePlugin(),
      sizeReportPlugin(),
    ],
  };
});
