import { type Catalog, CatalogLoadError } from '../core';

/**
 * The server's access to the catalog: loads it on first use and, when it cannot be loaded,
 * logs why once and lets every feature degrade to "no answer" instead of failing.
 */
export class CatalogService {
  private reported = false;

  constructor(
    private readonly load: () => Catalog,
    private readonly log: (message: string) => void,
  ) {}

  /** The catalog, or undefined when it is unavailable. */
  get(): Catalog | undefined {
    const result = this.tryLoad();
    return result.ok ? result.catalog : undefined;
  }

  /** The catalog, or the reason it is unavailable. */
  tryLoad(): { ok: true; catalog: Catalog } | { ok: false; message: string } {
    try {
      return { ok: true, catalog: this.load() };
    } catch (error) {
      const message =
        error instanceof CatalogLoadError ? error.message : `Loading the IAM catalog failed: ${String(error)}`;
      if (!this.reported) {
        this.reported = true;
        this.log(message);
      }
      return { ok: false, message };
    }
  }
}
