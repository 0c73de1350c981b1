// A static single-page app: rendered in the browser only, served through the index.html fallback.
export const ssr = false;
export const prerender = false;
