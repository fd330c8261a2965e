import { renderEmbed } from "../../_lib/render";

/** /embed/card/killed, /embed/card/killed.svg, /embed/card/killed.png */
export async function GET(request: Request, { params }: { params: Promise<{ metric: string }> }) {
  return renderEmbed(request, "card", (await params).metric);
}
