// Vite's module types: `import './x.css'` (TypeScript 6 checks side-effect imports) and
// `?raw` imports. Browser-only types; nothing from Node.
/// <reference types="vite/client" />
