import path from "node:path";
import type { Db } from "@basegun/db";
import { DEFAULT_BACKBONE_PATH, loadIdentifier, type ExecutionProvider, type Identifier, type SessionTuning } from "@basegun/ml";

export interface LoadedModel {
  modelVersionId: string;
  version: string;
  identifier: Identifier;
}

export interface ModelProviderOptions {
  db: Db;
  modelsDir: string;
  backbonePath?: string;
  executionProvider: ExecutionProvider;
  tuning?: SessionTuning;
  alias?: string;
  /**
   * How long the alias read from the database is trusted (ms): a promotion or rollback reaches the
   * jobs that start after that. 0 reads it for every job.
   */
  aliasRefreshMs?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

/**
 * Serves the model that an alias (`production` by default, or `shadow`) points to. The model is loaded
 * once; the alias is re-read at most every aliasRefreshMs, and when it has moved the next job loads the
 * new version and the old one is closed once no job still uses it, so workers switch without a restart
 * and without failing a job in flight.
 */
export class ModelProvider {
  private current: LoadedModel | null = null;
  private loading: Promise<LoadedModel> | null = null;
  private readonly inUse = new Map<LoadedModel, number>();
  private retired = new Set<LoadedModel>();
  /** when the alias was last read, and whether it existed then */
  private aliasCheckedAt = -Infinity;

  constructor(private readonly options: ModelProviderOptions) {}

  /** Runs fn with the current production model; the model stays open until fn settles. */
  async withModel<T>(fn: (model: LoadedModel) => Promise<T>): Promise<T> {
    return this.use(await this.resolve(), fn);
  }

  private async use<T>(model: LoadedModel, fn: (model: LoadedModel) => Promise<T>): Promise<T> {
    this.inUse.set(model, (this.inUse.get(model) ?? 0) + 1);
    try {
      return await fn(model);
    } finally {
      const left = (this.inUse.get(model) ?? 1) - 1;
      this.inUse.set(model, left);
      if (left === 0 && this.retired.has(model)) await this.dispose(model);
    }
  }

  /**
   * Like withModel, for an alias that may be absent (shadow): null when nothing is behind it, and a
   * model loaded earlier is released once the alias is cleared.
   */
  async withModelIfPresent<T>(fn: (model: LoadedModel) => Promise<T>): Promise<T | null> {
    const model = await this.resolveOptional();
    return model ? this.use(model, fn) : null;
  }

  async resolve(): Promise<LoadedModel> {
    const model = await this.resolveOptional();
    if (!model) throw new Error(`no model version behind the "${this.options.alias ?? "production"}" alias: run the seed (pnpm db:seed)`);
    return model;
  }

  private async resolveOptional(): Promise<LoadedModel | null> {
    const refreshMs = this.options.aliasRefreshMs ?? 0;
    if (!this.loading && performance.now() - this.aliasCheckedAt < refreshMs) return this.current;
    const checkedAt = performance.now();
    const model = await this.followAlias();
    // trusted for the next refreshMs only once it is loaded: a failed load is retried by the next job
    this.aliasCheckedAt = checkedAt;
    return model;
  }

  private async followAlias(): Promise<LoadedModel | null> {
    const alias = await this.options.db.modelAlias.findUnique({
      where: { name: this.options.alias ?? "production" },
      select: { modelVersionId: true, modelVersion: { select: { version: true, artifactPath: true } } },
    });
    if (!alias) {
      const previous = this.current;
      this.current = null;
      if (previous) {
        this.retired.add(previous);
        if (!this.inUse.get(previous)) await this.dispose(previous);
      }
      return null;
    }
    if (this.current?.modelVersionId === alias.modelVersionId) return this.current;
    this.loading ??= this.load(alias.modelVersionId, alias.modelVersion.version, alias.modelVersion.artifactPath).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(modelVersionId: string, version: string, artifactPath: string): Promise<LoadedModel> {
    const identifier = await loadIdentifier({
      modelDir: path.resolve(this.options.modelsDir, artifactPath),
      backbonePath: this.options.backbonePath ?? DEFAULT_BACKBONE_PATH,
      executionProvider: this.options.executionProvider,
      ...(this.options.tuning ? { tuning: this.options.tuning } : {}),
    });
    const loaded = { modelVersionId, version, identifier };
    const previous = this.current;
    this.current = loaded;
    this.options.log?.("model loaded", { version, executionProvider: identifier.executionProvider });
    if (previous) {
      this.retired.add(previous);
      if (!this.inUse.get(previous)) await this.dispose(previous);
    }
    return loaded;
  }

  private async dispose(model: LoadedModel) {
    this.retired.delete(model);
    this.inUse.delete(model);
    await model.identifier.close();
  }

  async close() {
    if (this.current) await this.dispose(this.current);
    for (const model of this.retired) await this.dispose(model);
    this.current = null;
  }
}
