// Writes every rendered user-data fixture from tests/userdata/rendered/cases.ts, and removes the files
// of cases no longer in the table. Run: npm run fixtures:userdata — then read `git diff tests/userdata/rendered`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as path from "path";
import { renderedCases } from "./cases";
import { fixtureFiles, fixturePath, renderCase } from "./fixtures";

async function main(): Promise<void> {
    const written = new Set<string>();
    let changed = 0;
    for (const c of renderedCases()) {
        const file = fixturePath(c);
        const { text } = await renderCase(c);
        let before: string | undefined;
        try {
            before = readFileSync(file, "utf8");
        } catch {
            before = undefined;
        }
        if (before !== text) {
            mkdirSync(path.dirname(file), { recursive: true });
            writeFileSync(file, text);
            console.log(`${before === undefined ? "added  " : "changed"} ${path.relative(process.cwd(), file)}`);
            changed++;
        }
        written.add(file);
    }
    for (const file of fixtureFiles().filter((f) => !written.has(f))) {
        rmSync(file);
        console.log(`removed ${path.relative(process.cwd(), file)}`);
        changed++;
    }
    console.log(`${written.size} fixtures, ${changed} changed`);
}

main().then(() => process.exit(0), (e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
});
