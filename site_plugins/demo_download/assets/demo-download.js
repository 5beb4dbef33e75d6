/* Backend Basics "Get the demo": make the commands right for wherever this page is served.
   The build writes the wheel's address relative to the page when mkdocs.yml has no site_url;
   pip, pipx and uv need it absolute. And a demo installed from here trusts only the origins in
   data-demo-download, so a page served from anywhere else asks for --allow-origin. */
(() => {
  "use strict";
  function fill() {
    for (const block of document.querySelectorAll("[data-demo-download]:not([data-filled])")) {
      const trusted = JSON.parse(block.dataset.demoDownload || "[]");
      for (const url of block.querySelectorAll("[data-demo-download-url]")) {
        url.textContent = new URL(url.textContent, location.href).href;
      }
      /* A page opened from a file (origin "null") makes no request the demo could refuse. */
      if (/^https?:$/.test(location.protocol) && !trusted.includes(location.origin)) {
        for (const flag of block.querySelectorAll("[data-demo-download-origin]")) {
          flag.textContent = ` --allow-origin ${location.origin}`;
        }
      }
      block.dataset.filled = "";
    }
  }
  fill();
  /* Material's instant navigation swaps pages without a reload: fill each one it shows. */
  if (window.document$ && !window.demoDownloadSubscribed) {
    window.demoDownloadSubscribed = true;
    window.document$.subscribe(fill);
  }
})();
