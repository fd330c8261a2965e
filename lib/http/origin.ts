/**
 * The site's public origin as the client addressed it: the Host header, and the scheme a TLS-terminating
 * proxy reports (only http or https is believed). Used for absolute URLs in snippets and oEmbed.
 */
export function originFromHeaders(headers: Headers, fallback = "http://localhost:3000"): string {
  const host = headers.get("host")?.trim();
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return fallback;
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : "http";
  return `${scheme}://${host.toLowerCase()}`;
}
