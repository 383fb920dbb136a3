// Argument paths as the findings name them (`launchTemplate.networkInterfaces[0].subnetId`).

/** Whether two argument paths are the same, or one lies inside the other. */
export function pathsOverlap(a: string, b: string): boolean {
    return a === "" || b === "" || a === b || b.startsWith(a + ".") || b.startsWith(a + "[") || a.startsWith(b + ".") || a.startsWith(b + "[");
}
