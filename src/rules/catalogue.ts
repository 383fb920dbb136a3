// Every rule, once. The component, the plan command and the policy pack all read this list.
import { amiRules } from "./ami";
import { amiFitRules } from "./amifit";
import { awsModelRules } from "./awsmodel";
import { bootValueRules } from "./bootvalues";
import { bottlerocketSettingsRules } from "./bottlerocketsettings";
import { capacityRules } from "./capacity";
import { containerdRules } from "./containerd";
import { ebsRules } from "./ebs";
import { instanceTypeRules } from "./instancetypes";
import { kubeletConfigRules } from "./kubeletconfig";
import { labelRules } from "./labels";
import { launchTemplateRules } from "./launchtemplate";
import { networkRules } from "./network";
import { nodeGroupRules } from "./nodegroup";
import { nodeOptionRules } from "./nodeoptions";
import { overrideRules } from "./overrides";
import { Rule, runsIn } from "./rule";
import { schemaRules } from "./schema";
import { securityRules } from "./security";
import { userDataRules } from "./userdata";

/** Each file of src/rules/ with the rules it declares, in catalogue order (docs/rules.md names the file of each rule). */
export const RULE_FILES: readonly { file: string; rules: readonly Rule[] }[] = [
    { file: "schema.ts", rules: schemaRules },
    { file: "launchtemplate.ts", rules: launchTemplateRules },
    { file: "ebs.ts", rules: ebsRules },
    { file: "network.ts", rules: networkRules },
    { file: "capacity.ts", rules: capacityRules },
    { file: "nodegroup.ts", rules: nodeGroupRules },
    { file: "nodeoptions.ts", rules: nodeOptionRules },
    { file: "overrides.ts", rules: overrideRules },
    { file: "labels.ts", rules: labelRules },
    { file: "awsmodel.ts", rules: awsModelRules },
    { file: "security.ts", rules: securityRules },
    { file: "ami.ts", rules: amiRules },
    { file: "amifit.ts", rules: amiFitRules },
    { file: "bootvalues.ts", rules: bootValueRules },
    { file: "instancetypes.ts", rules: instanceTypeRules },
    { file: "userdata.ts", rules: userDataRules },
    { file: "kubeletconfig.ts", rules: kubeletConfigRules },
    { file: "containerd.ts", rules: containerdRules },
    { file: "bottlerocketsettings.ts", rules: bottlerocketSettingsRules },
];

export const catalogue: readonly Rule[] = RULE_FILES.flatMap((f) => f.rules);

/** The rules each door runs. */
export const componentRules: readonly Rule[] = catalogue.filter((r) => runsIn(r, "component"));
export const packRules: readonly Rule[] = catalogue.filter((r) => runsIn(r, "pack"));

export function ruleById(id: string): Rule | undefined {
    return catalogue.find((r) => r.id === id);
}
