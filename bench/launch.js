// Starting a process that prints its port (a provider, a policy pack, the aws mock), timed from launch to port.
"use strict";
const { spawn } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");

/** Starts `command` and resolves with [child, port, ms from launch to port]. */
function launch(command, args, env = process.env) {
    return new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
        child.stdout.once("data", (d) => resolve([child, Number(d.toString().trim().split("\n")[0]), Number(process.hrtime.bigint() - start) / 1e6]));
        child.once("exit", (code) => reject(new Error(`${command} exited with ${code}`)));
    });
}

module.exports = { launch };
