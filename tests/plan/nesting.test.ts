// The one nesting check of the CLI's readers: exact at the limit, and safe on values nested far
// past the call stack (JSON.parse builds them without recursing).
import { expect } from "chai";
import { nestsDeeperThan } from "../../src/plan/nesting";

/** `levels` containers, alternating objects and arrays, around a scalar. */
const nested = (levels: number): unknown => {
    let v: unknown = "leaf";
    for (let i = 0; i < levels; i++) v = i % 2 === 0 ? [v] : { k: v };
    return v;
};

describe("nestsDeeperThan", () => {
    it("counts the value itself as the first level, scalars as none", () => {
        expect(nestsDeeperThan("text", 0)).to.equal(false);
        expect(nestsDeeperThan(null, 0)).to.equal(false);
        expect(nestsDeeperThan({}, 0)).to.equal(true);
        expect(nestsDeeperThan({}, 1)).to.equal(false);
        for (const levels of [2, 3, 32, 33]) {
            expect(nestsDeeperThan(nested(levels), levels), `${levels}`).to.equal(false);
            expect(nestsDeeperThan(nested(levels), levels - 1), `${levels} - 1`).to.equal(true);
        }
    });

    it("finds the one deep branch among shallow siblings, wherever it is", () => {
        for (const at of [0, 500, 999]) {
            const wide: unknown[] = Array.from({ length: 1000 }, (_, i) => ({ i }));
            wide[at] = nested(40);
            expect(nestsDeeperThan({ wide }, 41), `at ${at}`).to.equal(true);
            expect(nestsDeeperThan({ wide }, 42), `at ${at}`).to.equal(false);
        }
    });

    it("walks a value JSON.parse nests 200,000 deep without overflowing the stack", () => {
        const deep = JSON.parse("[".repeat(200000) + "]".repeat(200000));
        expect(nestsDeeperThan(deep, 199999)).to.equal(true);
        expect(nestsDeeperThan(deep, 200000)).to.equal(false);
    });

    it("ends on a value that refers to itself (the limit stops it)", () => {
        const loop: Record<string, unknown> = {};
        loop.self = loop;
        expect(nestsDeeperThan(loop, 32)).to.equal(true);
    });
});
