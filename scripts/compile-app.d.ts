/** Types of scripts/compile-app.js (a plain CommonJS script, also required by npm scripts). */
export declare function isAppStale(appDir?: string): boolean;
export declare function compileApp(appDir?: string): Promise<{ appDir: string; distDir: string }>;
