/** Absolute path of the explorer's built files (index.html and assets/). */
export declare const explorerDistDir: string;
/** True once `npm run build` has written the bundle. */
export declare function isExplorerBuilt(): boolean;
