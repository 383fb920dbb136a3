// Pure functions of one string, remembered: a stack's node groups share a few clusters, and each
// group would otherwise parse the same endpoint, CA and CIDR again.

/** `fn`, remembering its results for the last `limit` distinct arguments. Results are shared: never mutate them. */
export function memoize<R>(fn: (text: string) => R, limit = 64): (text: string) => R {
    const cache = new Map<string, R>();
    return (text) => {
        if (cache.has(text)) return cache.get(text) as R;
        const result = fn(text);
        if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
        cache.set(text, result);
        return result;
    };
}
