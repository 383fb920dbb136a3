// containerd configuration handed to nodeadm (Amazon Linux 2023) must be TOML: the component's typed
// nodeConfig.containerdConfig and the spec.containerd.config of each NodeConfig in the user data's content.
//
// What nodeadm does with it (amazon-eks-ami nodeadm, internal/containerd/config.go combineContainerdConfigs):
// it decodes the text with github.com/pelletier/go-toml/v2 and merges it over the configuration it
// generated; a decode error fails `nodeadm init`, so containerd is never configured and the node never
// joins. The text is parsed here with smol-toml (already the package's TOML reader for Bottlerocket: a
// TOML 1.0.0 parser without dependencies, kept current), which, like go-toml v2, refuses what TOML 1.0
// refuses — a bad value, a key or table defined twice, an unterminated string.
// Bottlerocket takes no containerd TOML: its containerd settings are typed keys of its settings model.
import { parse as parseToml } from "smol-toml";
import { contentNodeConfigs } from "../userdata/al2023";
import { familyProfile, Rule } from "./rule";
import { obj, str } from "../base/values";

const USER_DATA = "launchTemplate.userData";
const TYPED = `${USER_DATA}.nodeConfig.containerdConfig`;

/** The parser's message for a text that is not TOML: its first line and the place, never the source lines it quotes. */
export function tomlProblem(text: string): string | undefined {
    try {
        parseToml(text);
        return undefined;
    } catch (e) {
        const err = e as Error & { line?: number; column?: number };
        const first = err.message.split("\n")[0].replace(/^Invalid TOML document: /, "");
        return err.line !== undefined ? `${first} (line ${err.line}, column ${err.column})` : first;
    }
}

const FIX = "nodeadm decodes it as TOML and merges it over its own containerd configuration; a text that does not decode " +
    "fails nodeadm init, and the node never joins. Fix the TOML (a string in double quotes, each table and key once).";

export const containerdRules: Rule[] = [
    {
        id: "userdata-containerd-config",
        severity: "error",
        paths: [TYPED, USER_DATA],
        summary: "Amazon Linux 2023 containerd configuration (nodeConfig.containerdConfig, a NodeConfig's spec.containerd.config) that is not valid TOML: nodeadm fails to merge it and the node never joins.",
        check(s, report) {
            if (familyProfile(s)?.typedSettings !== "nodeConfig") return;
            const typed = str(obj(s.component?.kubelet?.nodeConfig)?.containerdConfig);
            const typedProblem = typed === undefined ? undefined : tomlProblem(typed);
            if (typedProblem) report(TYPED, `${TYPED} is not valid TOML: ${typedProblem}. ${FIX}`);
            const content = str(s.launchTemplate.userData);
            for (const config of content === undefined ? [] : contentNodeConfigs(content)) {
                const text = str(obj(obj(config.spec)?.containerd)?.config);
                const problem = text === undefined ? undefined : tomlProblem(text);
                if (problem) report(USER_DATA, `spec.containerd.config in a NodeConfig of the content is not valid TOML: ${problem}. ${FIX}`);
            }
        },
    },
];
