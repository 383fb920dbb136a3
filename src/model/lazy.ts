// Resource inputs that wait for the review: a child's input is the review's verdict on it, so a
// rule that fails (at preview, or at deploy on values unknown before) stops the child too.
import * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "./resolve";
import { Review } from "./review";

export type Lazy = <T>(pick: (review: Review) => pulumi.Input<T> | undefined) => pulumi.Output<T>;

export function lazyFrom(approved: Promise<Review>): Lazy {
    return <T>(pick: (review: Review) => pulumi.Input<T> | undefined) =>
        pulumi.output(approved.then(pick)) as pulumi.Output<T>;
}

/**
 * `build(value)`, or — when `value` is not known yet (preview) — an Output that is not known
 * either, rather than a build from an empty stand-in that would show defaults where the user
 * gave a value.
 */
export function deferred<T, R>(value: T, build: (known: T) => R): R | pulumi.Output<R> {
    return isUnknown(value) ? (value as unknown as pulumi.Output<T>).apply((v) => build(v) as pulumi.Unwrap<R>) as pulumi.Output<R> : build(value);
}
