// One renderer per OS family, chosen here.
import { OsFamily } from "../args";
import { amazonLinux2 } from "./al2";
import { amazonLinux2023 } from "./al2023";
import { Bootstrapper, FamilyProfile } from "./bootstrapper";
import { bottlerocket } from "./bottlerocket";
import { windows } from "./windows";

export * from "./bootstrapper";

const bootstrappers: Record<OsFamily, Bootstrapper> = {
    [OsFamily.AmazonLinux2]: amazonLinux2,
    [OsFamily.AmazonLinux2023]: amazonLinux2023,
    [OsFamily.Bottlerocket]: bottlerocket,
    [OsFamily.Windows]: windows,
};

export function bootstrapperFor(family: OsFamily): Bootstrapper {
    return bootstrappers[family];
}

/** The family's profile (FamilyProfile): what the rules and builders read instead of comparing families. */
export function profileOf(family: OsFamily): FamilyProfile {
    return bootstrappers[family].profile;
}

/** The OS family a user-data text is written for, when its format says so. */
export function familyOfUserData(text: string): OsFamily | undefined {
    if (/<powershell>/i.test(text)) return OsFamily.Windows;
    // [ \t]* rather than \s*: under the m flag a \s* after ^ runs across line breaks, and a text of
    // n blank lines cost n² steps (60k newlines: 7 s); these are linear.
    if (/application\/node\.eks\.aws|^[ \t]*kind:[ \t]*NodeConfig[ \t]*\r?$/m.test(text)) return OsFamily.AmazonLinux2023;
    if (/^[ \t]*\[settings[.\]]/m.test(text)) return OsFamily.Bottlerocket;
    if (/\/etc\/eks\/bootstrap\.sh/.test(text)) return OsFamily.AmazonLinux2;
    return undefined;
}

/** EC2 refuses user data over 16 KB before base64. */
export const MAX_USER_DATA_BYTES = 16 * 1024;
