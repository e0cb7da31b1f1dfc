import { Catalog } from './catalog';
import { CatalogLoadError } from './load';

/**
 * A loader that reads the catalog on its first call and returns the same Catalog afterwards. A failure
 * is cached too: every later call rethrows the same CatalogLoadError, so callers can report it once and
 * keep running without retrying the disk on every keystroke.
 */
export function lazyCatalog(file: string): () => Catalog {
  let catalog: Catalog | undefined;
  let failure: CatalogLoadError | undefined;
  return () => {
    if (catalog !== undefined) return catalog;
    if (failure !== undefined) throw failure;
    try {
      catalog = Catalog.load(file);
      return catalog;
    } catch (error) {
      failure = error instanceof CatalogLoadError ? error : new CatalogLoadError(file, 'unreadable', String(error));
      throw failure;
    }
  };
}
