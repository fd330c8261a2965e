import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A page on another origin (another port) that embeds our widgets the ways a newsroom would: a plain
 * iframe, the script snippet, a dashboard page in an iframe, and a foreign frame that tries to resize ours.
 */
export function hostPage(app: string): string {
  const places = `${app}/embed/chart/places?region=SY07&metric=killed&undated=exclude`;
  const time = `${app}/embed/chart/time?region=SY07&metric=killed&undated=exclude`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title></head><body>
<h1>A newsroom article</h1>
<div id="iframe-box" style="width:640px"><iframe id="plain" src="${places}" title="Killed by place" width="640" height="400" loading="lazy" style="width:100%;border:0"></iframe></div>
<div id="script-box" style="width:640px"><script src="${app}/embed.js" data-keyfigures-embed="${time}" data-title="Killed over time" data-height="120" async></script></div>
<iframe id="dashboard" src="${app}/" title="Dashboard" width="640" height="300"></iframe>
<iframe id="rogue" title="Rogue" srcdoc="<script>setInterval(function(){parent.postMessage({type:'keyfigures:height',height:4321},'*')},50)</script>"></iframe>
</body></html>`;
}

export interface HostServer {
  url: string;
  close: () => Promise<void>;
}

export async function startHost(app: string): Promise<HostServer> {
  const server: Server = createServer((request, response) => {
    if (request.url === "/" || request.url?.startsWith("/?")) {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end(hostPage(app));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // "localhost" and not 127.0.0.1: another host as well as another port, so surely another origin.
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
