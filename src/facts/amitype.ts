// The node group's amiType, from the OS family, CPU architecture, accelerator and Windows variant —
// and back, for doors that only see an amiType (the policy pack).
import { AcceleratorVariant, CpuArchitecture, OsFamily, WindowsVariant } from "../args";
import { readTable } from "../data/tables";
import { enumValue } from "./grammar";
import { factsOfAll } from "./instancetypes";

export interface AmiSelection {
    family: OsFamily;
    architecture: CpuArchitecture;
    accelerator: AcceleratorVariant;
    windowsVariant: WindowsVariant;
}

/** The selection where nothing is stated or implied. */
export const DEFAULT_SELECTION: AmiSelection = {
    family: OsFamily.AmazonLinux2023,
    architecture: CpuArchitecture.X86_64,
    accelerator: AcceleratorVariant.None,
    windowsVariant: WindowsVariant.Core2022,
};

const ARCH = { [CpuArchitecture.X86_64]: "x86_64", [CpuArchitecture.Arm64]: "ARM_64" } as const;
const WINDOWS = {
    [WindowsVariant.Core2019]: "CORE_2019", [WindowsVariant.Full2019]: "FULL_2019",
    [WindowsVariant.Core2022]: "CORE_2022", [WindowsVariant.Full2022]: "FULL_2022",
    [WindowsVariant.Core2025]: "CORE_2025", [WindowsVariant.Full2025]: "FULL_2025",
} as const;

/** The amiType for a selection, or why there is none. */
export function amiTypeFor(s: AmiSelection): { amiType: string } | { problem: string } {
    const arch = ARCH[s.architecture];
    switch (s.family) {
        case OsFamily.AmazonLinux2:
            if (s.accelerator === AcceleratorVariant.Neuron) return { problem: "Neuron AMIs exist only for Amazon Linux 2023 on x86_64" };
            if (s.accelerator === AcceleratorVariant.Nvidia) {
                return s.architecture === CpuArchitecture.X86_64 ? { amiType: "AL2_x86_64_GPU" }
                    : { problem: "the Amazon Linux 2 GPU AMI exists only for x86_64" };
            }
            return { amiType: `AL2_${arch}` };
        case OsFamily.AmazonLinux2023:
            if (s.accelerator === AcceleratorVariant.Neuron) {
                return s.architecture === CpuArchitecture.X86_64 ? { amiType: "AL2023_x86_64_NEURON" }
                    : { problem: "Neuron AMIs exist only for x86_64" };
            }
            return { amiType: `AL2023_${arch}_${s.accelerator === AcceleratorVariant.Nvidia ? "NVIDIA" : "STANDARD"}` };
        case OsFamily.Bottlerocket:
            if (s.accelerator === AcceleratorVariant.Neuron) return { problem: "Neuron AMIs exist only for Amazon Linux 2023 on x86_64" };
            return { amiType: `BOTTLEROCKET_${arch}${s.accelerator === AcceleratorVariant.Nvidia ? "_NVIDIA" : ""}` };
        case OsFamily.Windows:
            if (s.architecture !== CpuArchitecture.X86_64) return { problem: "Windows AMIs exist only for x86_64" };
            if (s.accelerator !== AcceleratorVariant.None) return { problem: "EKS has no accelerated Windows AMI" };
            return { amiType: `WINDOWS_${WINDOWS[s.windowsVariant]}_x86_64` };
    }
}

/**
 * The selection the component builds the amiType from: what the user stated; where they did not,
 * the architecture every known instance type shares and the accelerator every one carries (as
 * @pulumi/eks and CDK infer them: Graviton types get an ARM64 AMI, GPU types the NVIDIA one) —
 * only where an EKS AMI exists for the result — and the defaults otherwise.
 */
export function chooseSelection(given: Record<string, unknown>, instanceTypes: unknown, defaults: AmiSelection = DEFAULT_SELECTION): AmiSelection {
    const stated: Partial<AmiSelection> = {
        family: enumValue(OsFamily, given.family),
        architecture: enumValue(CpuArchitecture, given.architecture),
        accelerator: enumValue(AcceleratorVariant, given.accelerator),
        windowsVariant: enumValue(WindowsVariant, given.windowsVariant),
    };
    const all = factsOfAll(instanceTypes) ?? [];
    const shared = <T>(values: (T | undefined)[]): T | undefined =>
        values.length > 0 && values.every((v) => v !== undefined && v === values[0]) ? values[0] : undefined;
    const arch = shared(all.map((a) => a.facts.arch));
    const impliedArchitecture = arch === "arm64" ? CpuArchitecture.Arm64 : arch === "x86_64" ? CpuArchitecture.X86_64 : undefined;
    const impliedAccelerator = all.length > 0 && all.every((a) => a.facts.nvidiaGpu === true) ? AcceleratorVariant.Nvidia
        : all.length > 0 && all.every((a) => a.facts.neuron === true) ? AcceleratorVariant.Neuron : undefined;
    const base: AmiSelection = {
        family: stated.family ?? defaults.family,
        architecture: stated.architecture ?? defaults.architecture,
        accelerator: stated.accelerator ?? defaults.accelerator,
        windowsVariant: stated.windowsVariant ?? defaults.windowsVariant,
    };
    const inferred: AmiSelection = {
        ...base,
        architecture: stated.architecture ?? impliedArchitecture ?? base.architecture,
        accelerator: stated.accelerator ?? impliedAccelerator ?? base.accelerator,
    };
    if ("amiType" in amiTypeFor(inferred)) return inferred;
    const archOnly = { ...base, architecture: inferred.architecture };
    return "amiType" in amiTypeFor(archOnly) ? archOnly : base;
}

/** The CPU architecture an amiType runs on; undefined for CUSTOM and unknown types. */
export function architectureOfAmiType(amiType: string): CpuArchitecture | undefined {
    if (amiType === "CUSTOM" || familyOfAmiType(amiType) === undefined) return undefined;
    return amiType.includes("ARM_64") ? CpuArchitecture.Arm64 : CpuArchitecture.X86_64;
}

interface AmiTypeTable {
    pulumiAws: string;
    source: string;
    amiTypes: string[];
}

/** The amiType values EKS and the pinned @pulumi/aws accept: src/data/ami-types.json, generated by scripts/awssdk. */
export const AMI_TYPE_TABLE: AmiTypeTable = readTable<AmiTypeTable>("ami-types.json");

/** Every amiType EKS accepts. */
export const KNOWN_AMI_TYPES: readonly string[] = AMI_TYPE_TABLE.amiTypes;

/** The OS family of an amiType, or undefined (CUSTOM, unknown). */
export function familyOfAmiType(amiType: string): OsFamily | undefined {
    if (amiType.startsWith("AL2023_")) return OsFamily.AmazonLinux2023;
    if (amiType.startsWith("AL2_")) return OsFamily.AmazonLinux2;
    if (amiType.startsWith("BOTTLEROCKET_")) return OsFamily.Bottlerocket;
    if (amiType.startsWith("WINDOWS_")) return OsFamily.Windows;
    return undefined;
}
