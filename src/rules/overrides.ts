// launchTemplateOverrides and nodeGroupOverrides (facts/overrides.ts): each key an input of the
// resource (the installed @pulumi/aws's, src/facts/installedaws.ts), not one the component types or writes, in
// a map whose keys are known at preview. What a merged key sets is then checked by every other rule.
import { awsInputs } from "../facts/installedaws";
import { RESERVED_KEYS } from "../facts/grammar";
import { Overridden, OVERRIDES, OWNED } from "../facts/overrides";
import { Rule } from "./rule";
import { closest, didYouMean } from "../base/suggestions";
import { isSet, isUnknown, obj } from "../base/values";

const RESOURCE: Record<Overridden, { type: string }> = {
    launchTemplate: { type: "aws.ec2.LaunchTemplate" },
    nodeGroup: { type: "aws.eks.NodeGroup" },
};

export const overrideRules: Rule[] = [{
    id: "overrides-inputs",
    doors: ["component"],
    severity: "error",
    paths: ["launchTemplateOverrides", "nodeGroupOverrides"],
    summary: "An override that is no input of the resource, one the component types or writes itself, or a map whose keys are not known at preview.",
    check(s, report) {
        const args = obj(s.component?.args);
        if (args === undefined) return; // the policy pack reads the resources themselves
        for (const which of Object.keys(OVERRIDES) as Overridden[]) {
            const name = OVERRIDES[which];
            const map = args[name];
            if (!isSet(map)) continue;
            if (isUnknown(map)) {
                report(name, `${name} is not known at preview; its keys decide the ${RESOURCE[which].type}'s inputs. Give it as a map (its values may be outputs).`);
                continue;
            }
            const given = obj(map);
            if (given === undefined) continue; // args-schema reports a map of the wrong type
            const budget = { left: 20 };
            for (const key of Object.keys(given)) {
                if (RESERVED_KEYS.has(key)) continue;
                const owned = OWNED[which][key];
                if (owned !== undefined) {
                    report(`${name}.${key}`, `${key} is set through ${owned}, not ${name}: the component builds it from there.`);
                } else if (!awsInputs(which).names.has(key)) {
                    const { names, source } = awsInputs(which);
                    const suggestions = closest(key, [...names], budget);
                    report(`${name}.${key}`, `${key} is not an input of ${RESOURCE[which].type} ${source}${didYouMean((s) => `${name}.${s}`, suggestions) || "."}`);
                }
            }
        }
    },
}];
