import "server-only";

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

type ResvgModule = typeof import("@resvg/resvg-js");

/** Fonts shipped by Debian's fonts-dejavu-core / fonts-liberation; the first found is the default face. */
const FONT_FILES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
];

let resvg: ResvgModule | undefined;

/** resvg is a native addon: it is required at run time from the project, never bundled. */
function loadResvg(): ResvgModule {
  resvg ??= createRequire(path.join(process.cwd(), "package.json"))("@resvg/resvg-js") as ResvgModule;
  return resvg;
}

/** A PNG of an SVG at `scale` times its size, drawn with the system fonts the SVG names. */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const fontFiles = FONT_FILES.filter((file) => existsSync(/* turbopackIgnore: true */ file));
  const { Resvg } = loadResvg();
  const image = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    font: { loadSystemFonts: fontFiles.length === 0, fontFiles, defaultFontFamily: "DejaVu Sans" },
  });
  return image.render().asPng();
}
