// Stylesheets are bundled by esbuild into build/main.css; TypeScript only needs to accept the import.
declare module '*.css';
