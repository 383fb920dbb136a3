// The component's defaults, in one place (each has a test in tests/component/defaults.test.ts).
import { DEFAULT_SELECTION } from "./amitype";
import { CapacityType, HttpTokens, OsFamily, VolumeType } from "../args";

export const DEFAULTS = {
    osFamily: DEFAULT_SELECTION.family,
    architecture: DEFAULT_SELECTION.architecture,
    accelerator: DEFAULT_SELECTION.accelerator,
    windowsVariant: DEFAULT_SELECTION.windowsVariant,
    capacityType: CapacityType.OnDemand,
    httpTokens: HttpTokens.Required,
    httpPutResponseHopLimit: 2,
    rootVolumeGiB: { linux: 20, windows: 50 },
    volumeType: VolumeType.Gp3,
    encrypted: true,
    deleteOnTermination: true,
    addClusterSecurityGroup: true,
} as const;

/** The device a family boots from, or (Bottlerocket) keeps its data on: the volume users size. */
export const ROOT_DEVICE: Record<OsFamily, string> = {
    [OsFamily.AmazonLinux2]: "/dev/xvda",
    [OsFamily.AmazonLinux2023]: "/dev/xvda",
    [OsFamily.Bottlerocket]: "/dev/xvdb",
    [OsFamily.Windows]: "/dev/sda1",
};

/** Bottlerocket's OS volume; its ROOT_DEVICE entry is the data volume, where containers live. */
export const BOTTLEROCKET_OS_DEVICE = "/dev/xvda";

/** Resource types that get the instance tags; Spot requests only with Spot capacity. */
export const INSTANCE_TAG_RESOURCE_TYPES = ["instance", "volume", "network-interface"];
export const SPOT_TAG_RESOURCE_TYPE = "spot-instances-request";
