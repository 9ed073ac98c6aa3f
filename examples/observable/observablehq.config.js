// Observable Framework project for the psychkit example page. Built offline by the CI
// (scripts/runtimes.mjs): every import on the page is a bare specifier that Framework resolves
// from node_modules. No `npm:` imports, and nothing that pulls one in implicitly (Framework's
// built-in `Inputs`, `d3`, `html` and `FileAttachment(...).csv()` would fetch from a CDN).
export default {
  title: 'psychkit',
  root: 'src',
  // The default theme links Google Fonts; the page must load with no network.
  globalStylesheets: [],
  // No favicon request (a 404 would be a console error in the browser check).
  head: '<link rel="icon" href="data:,">',
  sidebar: false,
  search: false,
  pager: false,
  footer: 'Built with psychkit and Observable Framework.',
};
