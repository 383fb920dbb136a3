// The policy pack's entry: what `pulumi preview --policy-pack <package>/policy` starts. Pulumi's
// run-policy-pack loads it with require(), so the pack is served as soon as this module loads; the
// PolicyPack reads its version from package.json in the working directory (policy/, which the
// launchers there change to). Enforcement levels per rule id come from --policy-pack-config.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./index";

new PolicyPack("eks-nodegroup", { policies });
