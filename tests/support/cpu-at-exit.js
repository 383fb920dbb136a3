// Preloaded into a child process (node --require) whose CPU time a test bounds: prints the process's
// own user + system CPU milliseconds as the last line of stderr when it exits.
process.on("exit", () => {
    const { userCPUTime, systemCPUTime } = process.resourceUsage();
    process.stderr.write(`\ncpu-ms ${Math.round((userCPUTime + systemCPUTime) / 1000)}\n`);
});
