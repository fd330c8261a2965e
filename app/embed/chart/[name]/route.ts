import { renderEmbed } from "../../_lib/render";

/** /embed/chart/places, /embed/chart/time, and their .svg and .png images */
export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }) {
  return renderEmbed(request, "chart", (await params).name);
}
