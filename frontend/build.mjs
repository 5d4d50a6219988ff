// Bundles the panel and the card into two self-contained ES modules (no code splitting, minified, no
// legal comments), byte-identical across rebuilds. `node build.mjs [--outdir DIR]`.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = args.indexOf("--outdir");
if (flag >= 0 && !args[flag + 1]) {
  console.error("usage: node build.mjs [--outdir DIR]");
  process.exit(2);
}
const outdir = flag >= 0 ? path.resolve(args[flag + 1]) : path.join(here, "..", "custom_components", "guest_pins", "www");

const result = await build({
  absWorkingDir: here,
  entryPoints: {
    "guest-pins-panel": "src/panel.ts",
    "guest-pins-card": "src/card.ts",
  },
  outdir,
  bundle: true,
  format: "esm",
  splitting: false,
  minify: true,
  target: "es2022",
  legalComments: "none",
  sourcemap: false,
  charset: "utf8",
  metafile: true,
  logLevel: "warning",
});

for (const [file, info] of Object.entries(result.metafile.outputs)) {
  console.log(`${path.relative(process.cwd(), path.resolve(here, file))}  ${info.bytes} bytes`);
}
