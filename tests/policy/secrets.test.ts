// The policy pack prints no value it cannot prove public: the engine hands it raw resources' plain
// values with no mark of which were secret, so for every rule and every invalid case of the corpus
// its messages must hold none of the strings the case's resources carry — the headline names the
// path and what is wrong, and only numbers, booleans and the closed sets the rules name appear.
import { expect } from "chai";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { instanceTypeFacts } from "../../src/facts/instancetypes";
import { policyFor } from "../../src/policy";
import { catalogue } from "../../src/rules";
import { BASE_LAUNCH_TEMPLATE, BASE_NODE_GROUP, merge, resource, stack, validate } from "../support/policy";

const DIR = path.resolve(__dirname, "../corpus");
interface PolicyCase { launchTemplate?: Record<string, unknown> | null; nodeGroup?: Record<string, unknown>; cluster?: Record<string, unknown> }

/** Every string a case puts in its resources (values, not map keys: the engine has no secret keys). */
function strings(v: unknown, out: Set<string> = new Set()): Set<string> {
    if (typeof v === "string") out.add(v);
    else if (Array.isArray(v)) v.forEach((e) => strings(e, out));
    else if (v !== null && typeof v === "object") Object.values(v).forEach((e) => strings(e, out));
    return out;
}

/**
 * Closed-set literals a message may name: enum values (upper-case, AMI types), the EC2 enums the rules
 * compare (volume types, interface types, IMDS settings) and instance types the table knows — each
 * public by being one of a published list, whoever wrote it.
 */
const closed = (s: string): boolean => /^[A-Z][A-Z0-9_]*$/.test(s) || /^(AL2|AL2023|BOTTLEROCKET|WINDOWS|CUSTOM)_[A-Za-z0-9_]+$/.test(s)
    || instanceTypeFacts(s) !== undefined
    || ["required", "optional", "true", "false", "gp2", "gp3", "io1", "io2", "st1", "sc1", "standard", "capacity-block", "spot", "open", "none",
        "targeted", "ipv4", "ipv6", "efa", "efa-only", "interface"].includes(s);

describe("policy pack messages print no value that might be secret", () => {
    for (const file of readdirSync(DIR).filter((f) => f.endsWith(".yaml"))) {
        const entry = parse(readFileSync(path.join(DIR, file), "utf8")) as { rule: string; policy: { invalid?: PolicyCase[] } };
        const rule = catalogue.find((r) => r.id === entry.rule)!;
        (entry.policy.invalid ?? []).forEach((c, i) => {
            it(`${entry.rule} case ${i + 1}`, async () => {
                const lt = c.launchTemplate === null ? undefined : merge(BASE_LAUNCH_TEMPLATE, c.launchTemplate);
                const ng = merge(BASE_NODE_GROUP, c.nodeGroup ?? {});
                // A case may put an aws.eks.Cluster beside the pair, as the corpus test does.
                const cluster = c.cluster ? [resource("aws:eks/cluster:Cluster", "cluster", c.cluster)] : [];
                const messages = (await validate(policyFor(rule), [...cluster, ...stack(lt, ng)])).map((v) => v.message);
                expect(messages.length, "the case is reported").to.be.greaterThan(0);
                const values = [...strings(lt), ...strings(ng), ...strings(c.cluster)].filter((s) => s.trim().length >= 3 && !closed(s.trim()));
                for (const message of messages) {
                    const printed = values.filter((s) => message.includes(s));
                    expect(printed, message).to.deep.equal([]);
                }
            });
        });
    }
});

describe("the policy pack on a secret label value (the reported leak)", () => {
    it("names the label and what is wrong, not the value", async () => {
        const rule = catalogue.find((r) => r.id === "ng-labels")!;
        const ng = merge(BASE_NODE_GROUP, { labels: { team: "tenant-token: hunter2!" } });
        const messages = (await validate(policyFor(rule), stack(BASE_LAUNCH_TEMPLATE, ng))).map((v) => v.message);
        expect(messages).to.have.length(1);
        expect(messages[0]).to.contain('[ng-labels] labels["team"]: Label value (value not shown: it may be secret)').and.not.contain("hunter2");
    });
});
