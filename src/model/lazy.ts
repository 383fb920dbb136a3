// Resource inputs that wait for the review: a child's input is the review's verdict on it, so a
// rule that fails (at preview, or at deploy on values unknown before) stops the child too.
import * as pulumi from "@pulumi/pulumi";
import { Review } from "./review";

export type Lazy = <T>(pick: (review: Review) => pulumi.Input<T> | undefined) => pulumi.Output<T>;

export function lazyFrom(approved: Promise<Review>): Lazy {
    return <T>(pick: (review: Review) => pulumi.Input<T> | undefined) =>
        pulumi.output(approved.then(pick)) as pulumi.Output<T>;
}
