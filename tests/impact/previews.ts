// Generated `pulumi preview --json` documents for the impact tests: a large stack of node groups
// with their launch templates, and inputs nested to a given depth. Shaped as the engine writes
// them (steps with op, urn, oldState and newState); only what impact reads is filled in.
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../src/facts/awsinputs";
import { UNKNOWN } from "../../src/impact/preview";
import { MANAGED_NODE_GROUP_TYPE } from "../../src/base/token";

const urn = (type: string, name: string, parentType?: string): string =>
    `urn:pulumi:s::p::${parentType === undefined ? "" : `${parentType}$`}${type}::${name}`;

const ngInputs = (size: number, template: Record<string, unknown>) => ({
    clusterName: "prod",
    scalingConfig: { minSize: 1, maxSize: 10, desiredSize: size },
    launchTemplate: template,
});

const ltInputs = (userData: string) => ({ userData });

/** An `update` step when `before` is given, else a `create` (no old state, no id yet). */
function step(type: string, u: string, id: string, parent: string | undefined, after: Record<string, unknown>, before?: Record<string, unknown>) {
    if (before === undefined) return { op: "create", urn: u, newState: { type, urn: u, parent, inputs: after } };
    const state = (inputs: Record<string, unknown>) => ({ type, urn: u, id, parent, inputs });
    return { op: "update", urn: u, oldState: state(before), newState: state(after) };
}

/**
 * A preview of `groups` node groups, each with its launch template. Even ones are new
 * ManagedNodeGroups (created; children paired by parent); odd ones existing raw node groups whose
 * template's user data changes (they roll), naming their template by id, every third by name.
 * The steps are in the reverse of the order that pairs them, so a linear search would not find
 * a pair early.
 */
export function largePreview(groups: number): { steps: unknown[] } {
    const steps: unknown[] = [];
    for (let i = 0; i < groups; i++) {
        const name = `nodes-${i}`;
        if (i % 2 === 0) {
            const component = urn(MANAGED_NODE_GROUP_TYPE, name);
            steps.push(
                step(LAUNCH_TEMPLATE_TYPE, urn(LAUNCH_TEMPLATE_TYPE, name, MANAGED_NODE_GROUP_TYPE), "", component, ltInputs("YQ==")),
                step(NODE_GROUP_TYPE, urn(NODE_GROUP_TYPE, name, MANAGED_NODE_GROUP_TYPE), "", component, ngInputs(3, { id: UNKNOWN, version: UNKNOWN })),
            );
        } else {
            const id = `lt-${i.toString(16).padStart(17, "0")}`;
            const ref = i % 3 === 0 ? { name: `lt-${name}`, version: "1" } : { id, version: "1" };
            steps.push(
                step(LAUNCH_TEMPLATE_TYPE, urn(LAUNCH_TEMPLATE_TYPE, name), id, undefined, { ...ltInputs("Yg=="), name: `lt-${name}` }, { ...ltInputs("YQ=="), name: `lt-${name}` }),
                step(NODE_GROUP_TYPE, urn(NODE_GROUP_TYPE, name), name, undefined, ngInputs(2, ref), ngInputs(2, ref)),
            );
        }
    }
    return { steps: steps.reverse() };
}

/** `depth` levels of `{"a": …}` around 1 (or of `[…]` with `arrays`), built without recursion. */
export function nested(depth: number, arrays = false): string {
    return arrays ? "[".repeat(depth) + "1" + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
}

/** A one-step preview whose node group's new labels hold `value` (JSON text). */
export function previewWithLabels(value: string): string {
    const u = urn(NODE_GROUP_TYPE, "deep");
    const state = (labels: string) => `{"type":"${NODE_GROUP_TYPE}","urn":"${u}","inputs":{"clusterName":"prod","labels":${labels}}}`;
    return `{"steps":[{"op":"update","urn":"${u}","oldState":${state("{}")},"newState":${state(value)}}]}`;
}

/** A raw node group and the launch template it names by id, whose key name changes (rolling). */
export function twoSteps(): { steps: Record<string, unknown>[] } {
    const lt = urn(LAUNCH_TEMPLATE_TYPE, "lt");
    const ng = urn(NODE_GROUP_TYPE, "ng");
    const template = (keyName: string) => ({ type: LAUNCH_TEMPLATE_TYPE, urn: lt, id: "lt-1", inputs: { keyName } });
    const group = () => ({ type: NODE_GROUP_TYPE, urn: ng, id: "ng", inputs: ngInputs(2, { id: "lt-1", version: "1" }) });
    return { steps: [
        { op: "update", urn: lt, oldState: template("a"), newState: template("b") },
        { op: "update", urn: ng, oldState: group(), newState: group() },
    ] };
}

/** A one-step preview whose node group gains `labels` labels: each a change. */
export function previewWithLabelCount(labels: number): string {
    const keys: string[] = [];
    for (let i = 0; i < labels; i++) keys.push(`"k${i.toString(36)}":"v"`);
    return previewWithLabels(`{${keys.join(",")}}`);
}
