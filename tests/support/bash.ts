/**
 * bash as the tests run it: with nothing of the machine's shell set-up.
 *
 * Node gives a child its stdin as one end of a socketpair, and Debian's bash reads ~/.bashrc when its stdin is a
 * socket (it takes that for sshd's doing, even with -c). A machine's .bashrc may do anything — this one runs
 * `pyenv init`, which took more than ten seconds with no HOME — so a test that runs bash must not depend on it:
 * `--norc --noprofile`, stdin closed unless there is input, and a HOME of the test's own.
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";

const home = mkdtempSync(path.join(tmpdir(), "bash-home-"));

/** Runs bash with `args`; `env` adds to PATH and a fresh HOME, nothing else of this process's environment. */
export function bash(args: string[], options: { input?: string; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
    return spawnSync("bash", ["--norc", "--noprofile", ...args], {
        encoding: "utf8",
        input: options.input,
        stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, ...options.env },
    });
}
