/* Click-to-load YouTube embed.
 *
 * The page ships a thumbnail link and, in a <template>, the player's iframe.
 * Nothing is requested from YouTube (but the thumbnail) until the listener
 * presses play; then the iframe replaces the facade and starts playing.
 * Without JavaScript, or on a middle/modified click, the link opens YouTube.
 */
(function () {
  "use strict";

  function isPlainClick(event) {
    return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
  }

  /* Put the player in `box` (a .podcast-video) if it is not there yet. */
  function loadPlayer(box, startSeconds) {
    var iframe = box.querySelector("iframe");
    if (iframe) return iframe;
    var template = box.querySelector("template");
    if (!template) return null;
    iframe = template.content.querySelector("iframe").cloneNode(true);
    var src = new URL(iframe.getAttribute("src"));
    src.searchParams.set("autoplay", "1");
    if (startSeconds) src.searchParams.set("start", String(Math.floor(startSeconds)));
    iframe.setAttribute("src", src.toString());
    iframe.removeAttribute("loading");  // it is wanted now
    var facade = box.querySelector(".podcast-video-facade");
    if (facade) facade.replaceWith(iframe);
    else box.appendChild(iframe);
    box.dataset.loaded = "true";
    iframe.focus();
    return iframe;
  }

  document.addEventListener("click", function (event) {
    var facade = event.target.closest && event.target.closest(".podcast-video-facade");
    if (!facade || !isPlainClick(event)) return;
    event.preventDefault();
    loadPlayer(facade.closest(".podcast-video"), 0);
  });

  window.podcastPlayer = { load: loadPlayer };
})();
