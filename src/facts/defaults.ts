// The component's defaults, in one place (each has a test in tests/component/defaults.test.ts); what
// differs by OS family (root device, default root size) is in the family's profile (src/userdata/<family>.ts).
import { DEFAULT_SELECTION } from "./amitype";
import { CapacityType, HttpTokens, VolumeType } from "../args";

export const DEFAULTS = {
    osFamily: DEFAULT_SELECTION.family,
    architecture: DEFAULT_SELECTION.architecture,
    accelerator: DEFAULT_SELECTION.accelerator,
    windowsVariant: DEFAULT_SELECTION.windowsVariant,
    capacityType: CapacityType.OnDemand,
    httpTokens: HttpTokens.Required,
    httpPutResponseHopLimit: 2,
    volumeType: VolumeType.Gp3,
    encrypted: true,
    deleteOnTermination: true,
    addClusterSecurityGroup: true,
} as const;

/** Resource types that get the instance tags; Spot requests only with Spot capacity. */
export const INSTANCE_TAG_RESOURCE_TYPES = ["instance", "volume", "network-interface"];
export const SPOT_TAG_RESOURCE_TYPE = "spot-instances-request";
