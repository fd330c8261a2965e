import { NextResponse, type NextRequest } from "next/server";

import { EMBED_METHODS, isAllowedEmbedMethod, isEmbedPath, securityHeaders } from "@/lib/http/framing";

/** Sets the framing headers of every route (lib/http/framing decides them) and keeps embeds read-only. */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const headers = securityHeaders(pathname);
  if (isEmbedPath(pathname) && !isAllowedEmbedMethod(request.method)) {
    return new NextResponse(`${request.method} is not allowed on an embed; use GET.\n`, {
      status: 405,
      headers: { ...headers, Allow: EMBED_METHODS.join(", "), "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const response = NextResponse.next();
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Build output and image optimisation carry no page to frame; everything else gets its headers.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
