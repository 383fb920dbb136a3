// Every volume of the template — the root volume, Bottlerocket's OS volume, the data
// volumes, or a raw template's block device mappings — within its type's limits (src/facts/ebsvolumes.ts,
// from AWS's EC2 model): size in range, IOPS only where the type takes them and in range, io1/io2
// with IOPS, throughput only on gp3 and in range, a KMS key only on an encrypted volume, no boot
// volume on HDD, no data volume on the root device or twice on one device.
import { DEFAULTS } from "../facts/defaults";
import { NOT_BOOTABLE, VOLUME_TYPES, VolumeLimits, volumeLimits } from "../facts/ebsvolumes";
import { profileOf } from "../userdata";
import { meantOrStop } from "../base/suggestions";
import { familyProfile, Rule, Subject } from "./rule";
import { arr, isSet, isUnknown, num, obj, show, str } from "../base/values";

interface Volume {
    /** The Subject path of the volume. */
    path: string;
    /** The field names it is written with (the component's, or the raw mapping's). */
    names: { size: string; type: string };
    /** The size is the component's default for the root volume, not the user's. */
    defaultSize?: boolean;
    size: unknown; type: unknown; iops: unknown; throughput: unknown; encrypted: unknown; kmsKeyId: unknown; snapshotId: unknown;
    boot: boolean;
}

const truthy = (v: unknown): boolean => v === true || v === "true";

/** Every EBS volume the template will have, in whichever vocabulary the Subject holds it. */
function volumesOf(s: Subject): Volume[] {
    const lt = s.launchTemplate;
    const out: Volume[] = [];
    const component = (path: string, v: Record<string, unknown> | undefined, boot: boolean, defaultSize?: number): void => {
        if (v === undefined || isSet(v.virtualName) || v.noDevice === true) return;
        const size = v.sizeGib ?? (isSet(v.snapshotId) ? undefined : defaultSize);
        out.push({ path, names: { size: "sizeGib", type: "volumeType" }, size, defaultSize: !isSet(v.sizeGib) && size !== undefined, type: v.volumeType ?? DEFAULTS.volumeType,
            iops: v.iops, throughput: v.throughput, encrypted: v.encrypted ?? DEFAULTS.encrypted, kmsKeyId: v.kmsKeyId, snapshotId: v.snapshotId, boot });
    };
    // The component's: the root volume always exists (defaults fill it); Bottlerocket boots from its OS volume.
    // A family not known yet leaves open whether the root volume boots: not checked as a boot volume then.
    const profile = familyProfile(s);
    const rootBoots = profile !== undefined && profile.osDevice === undefined;
    // Its size when none is given: the builder's default for the family (build/launchtemplate.ts), when the family is known.
    const rootSize = profile?.defaultRootGiB;
    if (isSet(lt.rootVolume) || s.component !== undefined) component("launchTemplate.rootVolume", obj(lt.rootVolume) ?? {}, rootBoots, rootSize);
    if (isSet(lt.osVolume)) component("launchTemplate.osVolume", obj(lt.osVolume), true);
    (arr(lt.dataVolumes) ?? []).forEach((v, i) => component(`launchTemplate.dataVolumes[${i}]`, obj(v), false));
    // A raw template's mappings.
    (arr(lt.blockDeviceMappings) ?? []).forEach((m, i) => {
        const ebs = obj(obj(m)?.ebs);
        if (ebs === undefined) return;
        out.push({ path: `launchTemplate.blockDeviceMappings[${i}].ebs`, names: { size: "volumeSize", type: "volumeType" }, size: ebs.volumeSize,
            type: ebs.volumeType, iops: ebs.iops, throughput: ebs.throughput, encrypted: ebs.encrypted, kmsKeyId: ebs.kmsKeyId, snapshotId: ebs.snapshotId,
            boot: false });
    });
    return out;
}

const inRange = (n: number, [lo, hi]: [number, number]): boolean => Number.isInteger(n) && n >= lo && n <= hi;

/**
 * IOPS against size, throughput against IOPS: the ratios the EBS User Guide states (ebs-volumes.json's
 * ratioSource), checked once the values themselves are in range (their own findings come first).
 */
function ratioProblems(v: Volume, type: string, limits: VolumeLimits, report: (path: string, message: string) => void): void {
    const size = num(v.size);
    const iops = num(v.iops);
    const iopsInRange = iops !== undefined && limits.iops !== undefined && inRange(iops, limits.iops);
    if (limits.maxIopsPerGib !== undefined && size !== undefined && inRange(size, limits.sizeGib) && iopsInRange) {
        const most = Math.max(limits.baselineIops ?? 0, Math.floor(limits.maxIopsPerGib * size));
        if (iops! > most) {
            report(`${v.path}.iops`, `A ${size} GiB${v.defaultSize ? " (the default size)" : ""} ${type} volume takes at most ${most} IOPS (${limits.maxIopsPerGib} per GiB` +
                `${limits.baselineIops !== undefined ? `, at least ${limits.baselineIops} whatever the size` : ""}), got ${iops}: EC2 refuses more. ` +
                `Give it ${Math.ceil(iops! / limits.maxIopsPerGib)} GiB or more, or fewer IOPS.`);
        }
    }
    const throughput = num(v.throughput);
    const base = iops ?? limits.baselineIops;
    if (limits.maxThroughputPerIops !== undefined && limits.throughput !== undefined && throughput !== undefined
        && inRange(throughput, limits.throughput) && base !== undefined && !isUnknown(v.iops) && (iops === undefined || iopsInRange)) {
        const most = Math.max(limits.throughput[0], Math.floor(limits.maxThroughputPerIops * base));
        if (throughput > most) {
            report(`${v.path}.throughput`, `A ${type} volume with ${base} IOPS${iops === undefined ? " (the default)" : ""} takes at most ${most} MiB/s ` +
                `(${limits.maxThroughputPerIops} MiB/s per IOPS), got ${throughput}: EC2 refuses more. Give it ` +
                `${Math.ceil(throughput / limits.maxThroughputPerIops)} IOPS or more, or less throughput.`);
        }
    }
}

export const ebsRules: Rule[] = [{
    id: "ebs-volumes",
    severity: "error",
    paths: ["launchTemplate.rootVolume", "launchTemplate.osVolume", "launchTemplate.dataVolumes[]", "launchTemplate.blockDeviceMappings[].ebs"],
    summary: "An EBS volume outside its type's limits: size, IOPS or throughput out of range or on a type without them, io1/io2 without IOPS, a KMS key on an unencrypted volume, a boot volume on HDD.",
    check(s, report) {
        for (const v of volumesOf(s)) {
            const type = str(v.type);
            if (isUnknown(v.type)) continue;
            const limits = type === undefined ? undefined : volumeLimits(type);
            if (limits === undefined) {
                if (isSet(v.type)) report(`${v.path}.${v.names.type}`, `${show(v.type)} is not an EBS volume type: one of ${VOLUME_TYPES.join(", ")}${meantOrStop(v.type, VOLUME_TYPES)}`);
                continue;
            }
            if (v.boot && NOT_BOOTABLE.has(type!)) {
                report(`${v.path}.${v.names.type}`, `${type} (HDD) cannot be a boot volume: use gp3, gp2, io1 or io2, and ${type} for data volumes.`);
            }
            const size = num(v.size);
            if (size !== undefined && !inRange(size, limits.sizeGib)) {
                report(`${v.path}.${v.names.size}`, `A ${type} volume is ${limits.sizeGib[0]}–${limits.sizeGib[1]} GiB, got ${show(v.size)}` +
                    `${v.defaultSize ? " (the component's default size: set sizeGib)" : ""}.`);
            }
            if (!isSet(v.size) && !isSet(v.snapshotId) && v.path.includes("dataVolumes")) {
                report(`${v.path}.${v.names.size}`, "A data volume needs sizeGib or snapshotId: EC2 creates it from one of them.");
            }
            const iops = num(v.iops);
            if (isSet(v.iops) && !isUnknown(v.iops)) {
                if (limits.iops === undefined) {
                    report(`${v.path}.iops`, `${type} volumes take no IOPS setting (only ${VOLUME_TYPES.filter((t) => volumeLimits(t)?.iops).join(", ")} do): remove iops, or change the type.`);
                } else if (iops === undefined || !inRange(iops, limits.iops)) {
                    report(`${v.path}.iops`, `A ${type} volume takes ${limits.iops[0]}–${limits.iops[1]} IOPS, got ${show(v.iops)}.`);
                }
            } else if (limits.iopsRequired && !isSet(v.iops)) {
                report(`${v.path}.iops`, `A ${type} volume needs iops (${limits.iops?.[0]}–${limits.iops?.[1]}): EC2 refuses it without.`);
            }
            if (isSet(v.throughput) && !isUnknown(v.throughput)) {
                const t = num(v.throughput);
                if (limits.throughput === undefined) {
                    report(`${v.path}.throughput`, `Throughput is set on gp3 volumes only, not ${type}: remove throughput, or use gp3.`);
                } else if (t === undefined || !inRange(t, limits.throughput)) {
                    report(`${v.path}.throughput`, `A ${type} volume takes ${limits.throughput[0]}–${limits.throughput[1]} MiB/s of throughput, got ${show(v.throughput)}.`);
                }
            }
            ratioProblems(v, type!, limits, report);
            if (isSet(v.kmsKeyId) && !isUnknown(v.encrypted) && !truthy(v.encrypted)) {
                report(`${v.path}.kmsKeyId`, "A KMS key encrypts a volume only with encrypted: true; set encrypted, or remove kmsKeyId.");
            }
        }
        // Devices: none twice, no data volume on a device the component writes.
        const taken = new Map<string, string>();
        if (s.component !== undefined && s.osFamily !== undefined) {
            const profile = profileOf(s.osFamily);
            taken.set(profile.rootDevice, "the root volume");
            if (profile.osDevice !== undefined) taken.set(profile.osDevice, `${s.osFamily}'s OS volume`);
        }
        (arr(s.launchTemplate.dataVolumes) ?? []).forEach((v, i) => {
            const device = str(obj(v)?.deviceName);
            if (device === undefined) return;
            const holder = taken.get(device);
            if (holder !== undefined) report(`launchTemplate.dataVolumes[${i}].deviceName`, `${device} is ${holder}'s device: give the data volume another one (e.g. /dev/xvdf).`);
            else taken.set(device, `dataVolumes[${i}]`);
        });
    },
}];
