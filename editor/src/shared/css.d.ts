// esbuild bundles imported .css files into the app's app.css.
declare module '*.css';
