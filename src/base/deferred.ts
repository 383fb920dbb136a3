// Building resource inputs from values that may be Outputs (unknown at preview, or secret): the
// build runs on the value when it is plain, inside an apply when it is an Output — so an unknown
// container never turns into defaults, and a secret stays secret.
import * as pulumi from "@pulumi/pulumi";
import { obj } from "./values";

export function deferred<T, R>(value: T, build: (known: T) => R): R | pulumi.Output<R> {
    return pulumi.Output.isInstance(value)
        ? (value as unknown as pulumi.Output<T>).apply((v) => build(v) as pulumi.Unwrap<R>) as pulumi.Output<R>
        : build(value);
}

/**
 * An input the review could not build at preview, because the values it is made from are not known
 * yet: unknown while `waitsOn` are. An update knows every value, and the review builds the real
 * input then, so this is never applied.
 */
export function notKnownYet<T>(waitsOn: pulumi.Output<unknown>[], what: string): pulumi.Output<T> {
    return pulumi.all(waitsOn).apply((): T => {
        throw new Error(`eks-nodegroup: the inputs of ${what} were still unknown during an update`);
    });
}

/** `container[key]`, through an Output when the container is one. */
export function field(container: unknown, key: string): unknown {
    return deferred(container, (c) => obj(c)?.[key]);
}

/**
 * `container[key]` with the args' types, through an Output when the container is one: what the
 * builders read of the input tree (whose types are the args', each member an Input) without casts.
 */
export function member<T extends object, K extends keyof T>(container: pulumi.Input<T> | undefined, key: K): pulumi.Input<pulumi.Unwrap<NonNullable<T[K]>>> | undefined {
    return field(container, key as string) as pulumi.Input<pulumi.Unwrap<NonNullable<T[K]>>> | undefined;
}

/**
 * `deferred` with the args' types: `build` gets the plain value of an `Input<T>`. Typed as the SDK
 * treats the result: an apply unwraps the inputs nested in what it returns, and an Output of
 * undefined is an absent input.
 */
export function whenKnown<T, R>(value: pulumi.Input<T> | undefined, build: (known: T | undefined) => R): R | pulumi.Output<pulumi.Unwrap<NonNullable<R>>> {
    return deferred(value as T | undefined, build) as R | pulumi.Output<pulumi.Unwrap<NonNullable<R>>>;
}
