// Summaries the benchmarks report (the median of a run's samples, and their spread), and where they go.
"use strict";

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

/** Replaces the section of the results file `out` that starts with `heading` (or appends it), leaving the rest as it is. */
function writeSection(out, heading, lines) {
    const fs = require("fs");
    const text = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "# Benchmark results\n";
    const start = text.indexOf(heading + "\n");
    let before = text, after = "";
    if (start >= 0) {
        before = text.slice(0, start);
        const next = text.indexOf("\n## ", start + 1);
        after = next >= 0 ? text.slice(next + 1) : "";
    }
    fs.writeFileSync(out, before.replace(/\n*$/, "\n\n") + lines.join("\n") + "\n" + (after ? "\n" + after : ""));
}

module.exports = { median, spread, writeSection };
