/**
 * Typed paths: a route's pattern is written once (`'/contacts/:id/people/:personId'`) and used both to register
 * the route and to build links to it, so a link cannot name a parameter the route does not have or miss one it
 * needs. Parameters are encoded; a query is appended only for values that are set.
 */

/** The parameter names of a route pattern, e.g. `'id' | 'personId'` for `/contacts/:id/people/:personId`. */
export type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<`/${Rest}`> : P extends `${string}:${infer Name}` ? Name : never;

export type PathParams<P extends string> = [ParamNames<P>] extends [never] ? Record<string, never> : { [K in ParamNames<P>]: string };

export type Query = Record<string, string | number | boolean | null | undefined>;

export function pathTo<P extends string>(pattern: P, params: PathParams<P>, query?: Query): string {
  const path = pattern.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, name: string) => {
    const value = (params as Record<string, string | undefined>)[name];
    if (value === undefined || value === '') throw new Error(`${pattern}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '' && v !== false) search.set(k, String(v));
  const q = search.toString();
  return q ? `${path}?${q}` : path;
}
