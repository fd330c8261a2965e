/** The one place that decides which routes other sites may put in a frame, and how embeds may be used. */

export const EMBED_PREFIX = "/embed";

/** Methods an embed answers; everything else gets 405. HEAD is GET without the body. */
export const EMBED_METHODS = ["GET", "HEAD"] as const;

/** Whole path segments only: `/embed` and `/embed/…`, never `/embedded`. */
export function isEmbedPath(pathname: string): boolean {
  return pathname === EMBED_PREFIX || pathname.startsWith(`${EMBED_PREFIX}/`);
}

export function isAllowedEmbedMethod(method: string): boolean {
  return (EMBED_METHODS as readonly string[]).includes(method.toUpperCase());
}

/** The framing and hardening headers a response to `pathname` carries. */
export function securityHeaders(pathname: string): Record<string, string> {
  const common = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };
  if (isEmbedPath(pathname)) return { ...common, "Content-Security-Policy": "frame-ancestors *" };
  return { ...common, "Content-Security-Policy": "frame-ancestors 'none'", "X-Frame-Options": "DENY" };
}
