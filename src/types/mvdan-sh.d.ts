// The part of mvdan-sh's API (mvdan/sh's syntax package, built with GopherJS) that shellcalls.ts uses; the package has no types.
declare module "mvdan-sh" {
    export interface Node { [key: string]: unknown }
    export interface Part { Value: string; Parts?: Part[] }
    export interface Word { Parts: Part[] }
    export const syntax: {
        NewParser(): { Parse(src: string, name: string): Node };
        Walk(node: Node, visit: (node: (Node & { Args?: Word[] }) | null) => boolean): void;
        NodeType(node: unknown): string;
    };
}
