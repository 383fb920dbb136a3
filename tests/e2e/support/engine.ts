// TypeScript programs under the real Pulumi engine, offline: the CLI built by scripts/build-tools.sh
// (on PATH), the Automation API running the program inline in this process (no Node.js language
// host is needed: the CLI is given this process as its language runtime), a local file backend, and
// `aws` served by the mock in awsmock.ts, which the engine reaches through PULUMI_DEBUG_PROVIDERS.
import { ChildProcess, execFileSync, spawn } from "child_process";
import { mkdirSync, mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { InlineProgramArgs, LocalWorkspace, PulumiFn, Stack } from "@pulumi/pulumi/automation";

export const ROOT = path.resolve(__dirname, "../../..");
export const POLICY_PACK = path.join(ROOT, "policy");
export const POLICY_ANALYZER = path.join(POLICY_PACK, "pulumi-analyzer-eks-nodegroup");
/** The launcher for the directory form, for a CLI without the Node.js language host (put on PATH). */
export const POLICY_LAUNCHER_DIR = path.join(POLICY_PACK, "launcher");

/** Fails with what to do when the CLI is not on PATH (CI puts the built tools there). */
export function requireCli(): void {
    try {
        execFileSync("pulumi", ["version"], { stdio: "pipe" });
    } catch {
        throw new Error("the Pulumi CLI is not on PATH: run `PATH=\"$(scripts/build-tools.sh pulumi yaml | tail -n 1):$PATH\" npm run test:e2e`");
    }
}

export interface AwsMock { port: number; stop(): void }

/** Starts the aws mock provider and waits for its port. */
export async function startAwsMock(): Promise<AwsMock> {
    const child: ChildProcess = spawn(process.execPath, ["--require", "tsx/cjs", path.join(__dirname, "awsmock.ts")], {
        cwd: ROOT, stdio: ["ignore", "pipe", "inherit"],
    });
    const port = await new Promise<number>((resolve, reject) => {
        child.stdout!.once("data", (d: Buffer) => resolve(Number(d.toString().trim().split("\n")[0])));
        child.once("exit", (code) => reject(new Error(`the aws mock exited with ${code}`)));
    });
    return { port, stop: () => { child.kill(); } };
}

export interface Engine {
    /** A stack of `program` on a fresh backend shared by this engine's stacks. */
    stack(name: string, program: PulumiFn): Promise<Stack>;
    dispose(): void;
}

/** A file backend in a temporary directory and the environment every command of it runs with. */
export async function engine(mock: AwsMock, projectName = "eks-nodegroup-e2e", env: Record<string, string> = {}): Promise<Engine> {
    requireCli();
    const dir = mkdtempSync(path.join(os.tmpdir(), "eks-nodegroup-e2e-"));
    const envVars = {
        PULUMI_CONFIG_PASSPHRASE: "e2e",
        PULUMI_SKIP_UPDATE_CHECK: "1",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_DEBUG_PROVIDERS: `aws:${mock.port}`,
        AWS_EC2_METADATA_DISABLED: "true",
        ...env,
    };
    return {
        async stack(stackName, program) {
            const args: InlineProgramArgs = { stackName, projectName, program };
            return LocalWorkspace.createOrSelectStack(args, {
                envVars,
                projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${dir}` } },
            });
        },
        dispose() { rmSync(dir, { recursive: true, force: true }); },
    };
}

/** The CLI run directly on YAML programs: a file backend, the aws mock, and the environment every command runs with. */
export interface CliSandbox {
    mock: AwsMock;
    /** A temporary directory; its `backend/` holds the stacks. */
    dir: string;
    env: NodeJS.ProcessEnv;
    /** `pulumi ARGS --cwd work --non-interactive`, its stdout. */
    pulumi(work: string, ...args: string[]): string;
    dispose(): void;
}

export async function cliSandbox(prefix: string): Promise<CliSandbox> {
    requireCli();
    const mock = await startAwsMock();
    const dir = mkdtempSync(path.join(os.tmpdir(), `eks-nodegroup-${prefix}-`));
    mkdirSync(path.join(dir, "backend"));
    const env = {
        ...process.env, PULUMI_BACKEND_URL: `file://${dir}/backend`, PULUMI_CONFIG_PASSPHRASE: "e2e", PULUMI_SKIP_UPDATE_CHECK: "1",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true", PULUMI_DEBUG_PROVIDERS: `aws:${mock.port}`, AWS_EC2_METADATA_DISABLED: "true",
    };
    return {
        mock, dir, env,
        pulumi: (work, ...args) => execFileSync("pulumi", [...args, "--cwd", work, "--non-interactive"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
        dispose() { mock.stop(); rmSync(dir, { recursive: true, force: true }); },
    };
}
