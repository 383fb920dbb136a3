// Which launch template impact pairs a node group with: its component's, or the one it names by id
// or by name — the first such in the preview's order, as a search in that order would find it.
import { expect } from "chai";
import { impactOfPreview, UNKNOWN } from "../../src/impact/preview";
import { MANAGED_NODE_GROUP_TYPE } from "../../src/base/token";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const NG = "aws:eks/nodeGroup:NodeGroup";
const COMPONENT = `urn:pulumi:s::p::${MANAGED_NODE_GROUP_TYPE}::general`;

/** A template whose keyName changes to `key`: the change names the template impact paired. */
const template = (key: string, state: Record<string, unknown>) => ({
    op: "update",
    urn: `urn:pulumi:s::p::${LT}::${key}`,
    oldState: { type: LT, ...state, inputs: { ...(state.inputs as object), keyName: "old" } },
    newState: { type: LT, ...state, inputs: { ...(state.inputs as object), keyName: key } },
});
const group = (ref: Record<string, unknown>, parent?: string) => {
    const state = { type: NG, parent, inputs: { clusterName: "prod", launchTemplate: ref } };
    return { op: "update", urn: `urn:pulumi:s::p::${NG}::ng`, oldState: state, newState: state };
};
/** The keyName the node group's template changes to, or undefined when it has none. */
const paired = (...steps: unknown[]): unknown => impactOfPreview({ steps })[0].impact.changes.find((c) => c.path === "launchTemplate.keyName")?.after;

describe("impact pairs each node group with its launch template", () => {
    it("a ManagedNodeGroup's: the first template whose parent is its component", () => {
        expect(paired(template("other", { parent: "urn:pulumi:s::p::x:y:Z::general" }), template("mine", { parent: COMPONENT }),
            template("second", { parent: COMPONENT }), group({ id: "lt-9" }, COMPONENT))).to.equal("mine");
    });

    it("a raw node group's: by id on either side, in the state or its outputs", () => {
        expect(paired(template("a", { id: "lt-1" }), template("b", { id: "lt-2" }), group({ id: "lt-2" }))).to.equal("b");
        expect(paired(template("a", { outputs: { id: "lt-2" } }), group({ id: "lt-2" }))).to.equal("a");
    });

    it("by name, when the template has no id yet", () => {
        expect(paired(template("a", { inputs: { name: "x" } }), template("b", { inputs: { name: "y" } }), group({ name: "y" }))).to.equal("b");
    });

    it("the first in the preview's order when the id names one template and the name another", () => {
        const byName = template("by-name", { inputs: { name: "y" } });
        const byId = template("by-id", { id: "lt-2" });
        expect(paired(byName, byId, group({ id: "lt-2", name: "y" }))).to.equal("by-name");
        expect(paired(byId, byName, group({ id: "lt-2", name: "y" }))).to.equal("by-id");
        expect(paired(template("first", { id: "lt-2" }), template("second", { id: "lt-2" }), group({ id: "lt-2" }))).to.equal("first");
    });

    it("never by a value unknown at preview, which is no template's id", () => {
        expect(paired(template("a", { id: UNKNOWN }), group({ id: UNKNOWN }))).to.equal(undefined);
        expect(paired(template("a", { id: "lt-1" }), group({ id: "lt-2" }))).to.equal(undefined);
    });
});

describe("impact never shows a secret", () => {
    const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: "\"s3cr3t\"" };
    // A secret wherever JSON can hold one: a value, a list item, a deep object, a `__proto__` key.
    const PLACES: [string, (s: unknown) => Record<string, unknown>][] = [
        ["a label", (s) => ({ labels: { a: s } })],
        ["a list item", (s) => ({ taints: [{ key: "k", value: s }] })],
        ["a deep object", (s) => ({ remoteAccess: { a: { b: { c: [1, { d: s }] } } } })],
        ["a __proto__ key", (s) => JSON.parse(`{"labels": {"__proto__": ${JSON.stringify(s)}, "z": 1}}`)],
    ];
    for (const [where, inputs] of PLACES) {
        it(`in ${where}, on either side of the change`, () => {
            const state = (extra: Record<string, unknown>) => ({ type: NG, inputs: { clusterName: "prod", ...extra } });
            const text = JSON.stringify(impactOfPreview({ steps: [
                { op: "update", urn: "urn:pulumi:s::p::x::a", oldState: state({}), newState: state(inputs(SECRET)) },
                { op: "update", urn: "urn:pulumi:s::p::x::b", oldState: state(inputs(SECRET)), newState: state({}) },
            ] }));
            expect(text).to.contain("[secret]").and.not.contain("s3cr3t");
        });
    }
});
