export declare const webRoot: string;
export declare const repoRoot: string;
export declare const E2E_PORT: number;
export declare const E2E_BASE_URL: string;
export declare const e2eEnv: Record<string, string> & { MODELS_DIR: string; DATABASE_URL: string };
export declare const datasetsDir: string;
export declare const screenshotsDir: string;
