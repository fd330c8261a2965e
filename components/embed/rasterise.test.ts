import { describe, expect, it } from "vitest";

import { placeBarsSvg } from "./charts";
import { svgToPng } from "./rasterise";

const bar = {
  key: "k",
  metric: "displaced",
  metricLabel: "Displaced",
  place: "Idleb",
  value: 186000,
  label: "186,000+",
  phrase: "186,000+ people displaced",
  sourceCount: 1,
};

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("svgToPng", () => {
  const svg = placeBarsSvg([bar], { width: 680, title: "Figures by place", id: "p" });

  it("makes a PNG at twice the SVG's size", () => {
    const png = svgToPng(svg);
    expect(Buffer.from(png.subarray(0, 8)).toString("hex")).toBe("89504e470d0a1a0a");
    expect(pngSize(png)).toEqual({ width: 1360, height: 2 * Number(/height="(\d+)"/.exec(svg)?.[1]) });
  });

  it("draws the text, so a font was found (an image without its labels would be blank of meaning)", () => {
    const withText = svgToPng(svg);
    const withoutText = svgToPng(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ""));
    expect(Buffer.from(withText).equals(Buffer.from(withoutText))).toBe(false);
    expect(withText.length).toBeGreaterThan(withoutText.length + 1000);
  });
});
