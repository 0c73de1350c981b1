import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// Where the terminal relay may be reached besides the site's own origin (the CSP is baked in at build time).
// Default: loopback only, where the local stack runs its relay on its own port. A deployment whose relay is on
// another origin lists it here, e.g. XANTHUS_RELAY_ORIGINS=wss://relay.example.com (space or comma separated).
const relayOrigins = (process.env.XANTHUS_RELAY_ORIGINS ?? 'ws://127.0.0.1:* ws://localhost:*')
  .split(/[\s,]+/)
  .filter(Boolean);

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: every route falls back to index.html, served by the CDN or the local stack.
    adapter: adapter({ fallback: 'index.html', strict: true }),
    // Relative asset URLs, so the site works under any origin (CloudFront, the local stack, vite dev).
    paths: { relative: true },
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self', ...relayOrigins],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};

export default config;
