/*! Keyfigures embed resizer (MIT). Usage:
 * <script src="https://HOST/embed.js" data-keyfigures-embed="https://HOST/embed/chart/places" async></script>
 * Inserts the widget's iframe after the script and keeps its height in step with the widget's content.
 * Height messages are accepted only from that iframe's own window and origin. */
(function () {
  "use strict";
  var TYPE = "keyfigures:height";
  var MIN_HEIGHT = 80;
  var MAX_HEIGHT = 10000;
  var frames = [];

  function insert(script) {
    if (script.hasAttribute("data-keyfigures-ready")) return;
    var src = script.getAttribute("data-keyfigures-embed");
    if (!src) return;
    var url;
    try {
      url = new URL(src, script.src || window.location.href);
    } catch {
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return;
    script.setAttribute("data-keyfigures-ready", "");
    var iframe = document.createElement("iframe");
    iframe.src = url.href;
    iframe.title = script.getAttribute("data-title") || "Keyfigures chart";
    iframe.setAttribute("loading", "lazy");
    var height = parseInt(script.getAttribute("data-height") || "", 10);
    iframe.style.cssText =
      "display:block;width:100%;max-width:100%;border:0;height:" + (height > 0 ? height : 480) + "px";
    script.parentNode.insertBefore(iframe, script.nextSibling);
    frames.push({ iframe: iframe, origin: url.origin });
  }

  function onMessage(event) {
    var data = event.data;
    if (!data || data.type !== TYPE || typeof data.height !== "number" || !isFinite(data.height)) return;
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (event.source === frame.iframe.contentWindow && event.origin === frame.origin) {
        var height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(data.height)));
        frame.iframe.style.height = height + "px";
        return;
      }
    }
  }

  function scan() {
    var scripts = document.querySelectorAll("script[data-keyfigures-embed]");
    for (var i = 0; i < scripts.length; i++) insert(scripts[i]);
  }

  window.addEventListener("message", onMessage);
  scan();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
})();
