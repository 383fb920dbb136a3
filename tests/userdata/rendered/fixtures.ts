// Renders a fixture case through the component, and where its fixture lives.
import { readdirSync } from "fs";
import * as path from "path";
import { validate } from "../../../src/validate";
import { LAUNCH_TEMPLATE_TYPE } from "../../../src/facts/awsinputs";
import { FAMILY_FILES, RenderedCase } from "./cases";

export const FIXTURE_ROOT = __dirname;
export const REGENERATE = "npm run fixtures:userdata";

export function fixturePath(c: RenderedCase): string {
    const { dir, ext } = FAMILY_FILES[c.family];
    return path.join(FIXTURE_ROOT, dir, `${c.name}.${ext}`);
}

/** Every file in the family folders, for finding fixtures whose case is gone. */
export function fixtureFiles(): string[] {
    return Object.values(FAMILY_FILES).flatMap(({ dir }) => {
        const folder = path.join(FIXTURE_ROOT, dir);
        try {
            return readdirSync(folder).map((f) => path.join(folder, f));
        } catch {
            return [];
        }
    });
}

export interface Rendered {
    /** The decoded user data validate() reports; "" when the definition has none (an empty fixture). */
    text: string;
    /** The launch template's userData input as registered: base64, undefined when none. */
    encoded: string | undefined;
}

/** What the component sends for the case: validate() at preview, the launch template as the builder registers it. */
export async function renderCase(c: RenderedCase): Promise<Rendered> {
    const plan = await validate(c.args, { name: `fixture-${c.name}` });
    const errors = plan.diagnostics.filter((d) => d.severity === "error");
    if (!plan.valid) throw new Error(`${c.family}/${c.name} is not a valid definition: ${errors.map((e) => `${e.ruleId} at ${e.property}: ${e.message}`).join("; ")}`);
    if (plan.userData === undefined) throw new Error(`${c.family}/${c.name}: the user data is not known at preview; a fixture needs every input known`);
    const template = plan.resources.find((r) => r.type === LAUNCH_TEMPLATE_TYPE);
    if (template === undefined) throw new Error(`${c.family}/${c.name}: no launch template registered`);
    const encoded = template.inputs.userData;
    if (encoded !== undefined && typeof encoded !== "string") throw new Error(`${c.family}/${c.name}: the launch template's userData is not a plain string (secret?)`);
    return { text: plan.userData ?? "", encoded };
}
