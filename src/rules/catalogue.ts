// Every rule, once. The component, the plan command and the policy pack all read this list.
import { amiRules } from "./ami";
import { amiFitRules } from "./amifit";
import { awsModelRules } from "./awsmodel";
import { bootValueRules } from "./bootvalues";
import { capacityRules } from "./capacity";
import { ebsRules } from "./ebs";
import { instanceTypeRules } from "./instancetypes";
import { kubeletConfigRules } from "./kubeletconfig";
import { labelRules } from "./labels";
import { launchTemplateRules } from "./launchtemplate";
import { networkRules } from "./network";
import { nodeGroupRules } from "./nodegroup";
import { nodeOptionRules } from "./nodeoptions";
import { overrideRules } from "./overrides";
import { Rule } from "./rule";
import { schemaRules } from "./schema";
import { securityRules } from "./security";
import { userDataRules } from "./userdata";

export const catalogue: readonly Rule[] = [
    ...schemaRules,
    ...launchTemplateRules,
    ...ebsRules,
    ...networkRules,
    ...capacityRules,
    ...nodeGroupRules,
    ...nodeOptionRules,
    ...overrideRules,
    ...labelRules,
    ...awsModelRules,
    ...securityRules,
    ...amiRules,
    ...amiFitRules,
    ...bootValueRules,
    ...instanceTypeRules,
    ...userDataRules,
    ...kubeletConfigRules,
];

export function ruleById(id: string): Rule | undefined {
    return catalogue.find((r) => r.id === id);
}
