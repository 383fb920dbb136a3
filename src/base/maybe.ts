// Values that are ready now or later. The review of plain args (the common case) runs to the end
// in the component's constructor, and its children are registered in the reaction right after it;
// only args that hold Outputs or promises, and EC2 lookups, wait (MIME user data is read synchronously).
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
    return value instanceof Promise;
}

/** `next(value)`, now when the value is ready, after it settles otherwise. */
export function then<T, R>(value: MaybePromise<T>, next: (v: T) => MaybePromise<R>): MaybePromise<R> {
    return isPromise(value) ? value.then(next) : next(value);
}

/** `run()`, with `recover` for what it throws or rejects with. */
export function attempt<T>(run: () => MaybePromise<T>, recover: (e: unknown) => T): MaybePromise<T> {
    try {
        const value = run();
        return isPromise(value) ? value.catch(recover) : value;
    } catch (e) {
        return recover(e);
    }
}
