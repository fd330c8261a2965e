import { headers } from "next/headers";

import { filtersToQueryString, type Filters } from "@/lib/filters";
import { originFromHeaders } from "@/lib/http/origin";

/** The oEmbed endpoint describing a dashboard page ("/" or "/regions/CODE") with its filters. */
export function oembedHref(origin: string, path: string, filters: Filters): string {
  const page = `${origin}${path}${filtersToQueryString(filters)}`;
  return `${origin}/api/oembed?url=${encodeURIComponent(page)}&format=json`;
}

/** The oEmbed discovery link; React 19 hoists it into the document's head. */
export async function OEmbedLink({ path, filters }: { path: string; filters: Filters }) {
  const origin = originFromHeaders(await headers());
  return (
    <link
      rel="alternate"
      type="application/json+oembed"
      href={oembedHref(origin, path, filters)}
      title="Keyfigures oEmbed"
    />
  );
}
