// Bundles the CLI (src/cli/main.ts and its lazily loaded commands) into dist/cli-bundle with code splitting:
// one process start reads a few files instead of ~200 modules, so `cellforge simulate` starts fast.
// The library (dist/core) stays unbundled for importers.
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli/main.ts"],
  outdir: "dist/cli-bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  // CommonJS dependencies (commander) call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __cellforgeCreateRequire } from 'node:module'; const require = __cellforgeCreateRequire(import.meta.url);",
  },
});
