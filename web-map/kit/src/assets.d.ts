// Stylesheets are bundled by esbuild into each page's build/main-<hash>.css; TypeScript only needs to accept the import.
declare module '*.css';
