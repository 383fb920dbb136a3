// The seed a property test adds to its fixed ones, from FUZZ_SEED: a whole number repeats a run,
// "random" draws one (the test prints it), nothing adds none. CI sets none, so it never fails by chance.
export function seedFromEnv(value: string | undefined = process.env.FUZZ_SEED): number | undefined {
    if (value === undefined || value === "") return undefined;
    if (value === "random") return Math.floor(Math.random() * 2 ** 31);
    const seed = Number(value);
    if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED=${value} is not a whole number or "random"`);
    return seed;
}
