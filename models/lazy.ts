// Optional parts of the pipeline loaded on demand (issue 16). Loading a scenario and
// simulating it are synchronous, and most scenarios use few of the optional parts (SQL,
// file shares, alert rules, restores, disaster recovery …), so a command first imports the
// parts its scenario uses (`await load(...)`), then the synchronous code takes them from
// here (`get`). The library entry registers every part. A part used but not loaded is a
// bug in the caller and fails loudly, never a silent skip.

/** Modules by name, each imported by its loader the first time it is asked for. */
export class LazyModules<M extends { [K in keyof M]: object }> {
  private readonly loaded: Partial<M> = {};

  constructor(
    private readonly what: string,
    private readonly loaders: { readonly [K in keyof M]: () => Promise<M[K]> },
  ) {}

  /** Registers modules already imported (the library entry and the tests register every one). */
  register(modules: M): void {
    Object.assign(this.loaded, modules);
  }

  /** Imports those of the named modules that are not loaded yet. */
  async load(names: readonly (keyof M)[]): Promise<void> {
    await Promise.all(names.map((name) => this.loadOne(name)));
  }

  /** A loaded module; throws (an internal error) when nobody loaded it. */
  get<K extends keyof M>(name: K): M[K] {
    const module = this.loaded[name];
    if (module === undefined)
      throw new Error(
        `internal: the ${this.what} "${String(name)}" is used but was not loaded; ` +
          `await its load before the synchronous call (or import vaultsim's entry, which loads every one)`,
      );
    return module as M[K];
  }

  private async loadOne<K extends keyof M>(name: K): Promise<void> {
    if (this.loaded[name] === undefined) this.loaded[name] = await this.loaders[name]();
  }
}
