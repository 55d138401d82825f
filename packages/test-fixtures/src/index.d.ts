export declare function repoRoot(): string;
export declare function fixturesDir(): string;
export declare function fixturePath(name: string): string;
export declare function readFixture(name: string): Uint8Array;
export declare function fixtureSha256(name: string): string;
export declare const FIXTURE_SHA256: Readonly<Record<string, string>>;
