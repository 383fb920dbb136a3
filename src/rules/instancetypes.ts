// Instance type names the shipped instance table does not list: a warning, never an error (EC2
// launches types before any table knows them), with the closest listed names for a typo.
import { instanceTypeProblem, MAX_NODE_GROUP_INSTANCE_TYPES } from "../facts/grammar";
import { instanceTypeFacts, instanceTypeNames } from "../facts/instancetypes";
import { Rule } from "./rule";
import { closest, didYouMean } from "../base/suggestions";
import { arr, isSet, isUnknown, show } from "../base/values";

export const instanceTypeRules: Rule[] = [
    {
        id: "instance-type-known",
        anyNodeGroup: true,
        severity: "warning",
        paths: ["nodeGroup.instanceTypes[]", "launchTemplate.instanceType"],
        summary: "An instance type the instance table this package ships does not list (a typo, with the closest names; or a type newer than the table).",
        check(s, report) {
            const budget = { left: MAX_NODE_GROUP_INSTANCE_TYPES + 1 };
            const check = (path: string, v: unknown) => {
                // instance-type-name reports what is not an instance type name at all.
                if (!isSet(v) || isUnknown(v) || typeof v !== "string" || instanceTypeProblem(v) !== undefined) return;
                if (instanceTypeFacts(v) !== undefined) return;
                const suggestions = closest(v, [...instanceTypeNames()], budget);
                report(path, `Instance type ${show(v)} is not in the instance table this package ships` +
                    `${didYouMean((name) => name, suggestions) || "."} Correct it if it is a typo. A type newer than the table works: EC2 ` +
                    "gives its limits (max-pods, network cards) at deploy time, and the checks that need them skip it.");
            };
            // ng-instance-types-count reports lists over EKS's limit; their names are not read one by one.
            const list = arr(s.nodeGroup.instanceTypes);
            if (list !== undefined && list.length <= MAX_NODE_GROUP_INSTANCE_TYPES) list.forEach((t, i) => check(`nodeGroup.instanceTypes[${i}]`, t));
            check("launchTemplate.instanceType", s.launchTemplate.instanceType);
        },
    },
];
