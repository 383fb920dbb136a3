// The node group's amiType, from the OS family, CPU architecture, accelerator and Windows variant —
// and back, for doors that only see an amiType (the policy pack).
import { AcceleratorVariant, CpuArchitecture, OsFamily, WindowsVariant } from "./args";

export interface AmiSelection {
    family: OsFamily;
    architecture: CpuArchitecture;
    accelerator: AcceleratorVariant;
    windowsVariant: WindowsVariant;
}

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

/** Every amiType EKS accepts. */
export const KNOWN_AMI_TYPES = [
    "AL2_x86_64", "AL2_x86_64_GPU", "AL2_ARM_64",
    "AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "AL2023_x86_64_NVIDIA", "AL2023_ARM_64_NVIDIA", "AL2023_x86_64_NEURON",
    "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64", "BOTTLEROCKET_x86_64_NVIDIA", "BOTTLEROCKET_ARM_64_NVIDIA",
    "BOTTLEROCKET_x86_64_FIPS", "BOTTLEROCKET_ARM_64_FIPS",
    "WINDOWS_CORE_2019_x86_64", "WINDOWS_FULL_2019_x86_64", "WINDOWS_CORE_2022_x86_64", "WINDOWS_FULL_2022_x86_64",
    "WINDOWS_CORE_2025_x86_64", "WINDOWS_FULL_2025_x86_64",
    "CUSTOM",
];

/** The OS family of an amiType, or undefined (CUSTOM, unknown). */
export function familyOfAmiType(amiType: string): OsFamily | undefined {
    if (amiType.startsWith("AL2023_")) return OsFamily.AmazonLinux2023;
    if (amiType.startsWith("AL2_")) return OsFamily.AmazonLinux2;
    if (amiType.startsWith("BOTTLEROCKET_")) return OsFamily.Bottlerocket;
    if (amiType.startsWith("WINDOWS_")) return OsFamily.Windows;
    return undefined;
}
