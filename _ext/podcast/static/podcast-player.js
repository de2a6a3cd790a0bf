/* The audio's player, on the pages that have audio (an episode's page, its
 * transcript page); no other page loads this, nor media-chrome.
 *
 * - media-chrome's controls take the place of the browser's once the library has
 *   defined them (if it never loads, the browser's stay);
 * - the position is kept in this browser (localStorage, one key an episode:
 *   "podcast-position:" and the episode's page name, the second reached), so that
 *   coming back the player is where the listener left, with an offer to continue
 *   or start over; an episode heard to its end is forgotten, and starts from the
 *   beginning;
 * - "Share this moment": a link to this page at the second playing ("#t="), shown
 *   and copied by a button;
 * - on a transcript page, the paragraph being said is marked and followed as the
 *   audio plays (smoothly, unless the reader prefers reduced motion), as long as
 *   the reader has not scrolled away from it.
 * Chapters, "#t=" links and the chapter playing are podcast.js's.
 */
(function () {
  "use strict";

  var api = window.podcastPlayer;
  var box = document.querySelector(".podcast-audio");
  var audio = box && box.querySelector("audio");
  if (!api || !audio) return;

  /* media-chrome's controls take the browser's place, in the same space, shown once
     laid out (two frames on); if the library never comes, the browser's show. */
  var ready = function () {
    box.classList.add("podcast-audio-ready");
    // where it will start, if not at the beginning, for the controls to show
    if (audio.readyState < 1 && audio.currentTime > 0) audio.dispatchEvent(new Event("timeupdate"));
  };
  if (window.customElements) {
    customElements.whenDefined("media-controller").then(function () {
      audio.controls = false;
      requestAnimationFrame(function () { requestAnimationFrame(ready); });
    });
  }
  window.addEventListener("load", function () {
    if (!window.customElements || !customElements.get("media-controller")) ready();
  });

  function clock(seconds) {
    seconds = Math.floor(seconds);
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor(seconds / 60) % 60;
    var rest = ("0" + (seconds % 60)).slice(-2);
    return hours ? hours + ":" + ("0" + minutes).slice(-2) + ":" + rest : minutes + ":" + rest;
  }

  /* -- where the listener left --------------------------------------------------- */

  var KEY = "podcast-position:" + box.dataset.episode;
  var END = 15; // seconds: this close to the end, the episode was heard
  var START = 5; // seconds: no nearer the beginning, nothing is worth keeping

  function saved() {
    try { return parseInt(localStorage.getItem(KEY), 10) || 0; } catch (error) { return 0; }
  }

  function keep(seconds) {
    try {
      if (seconds === null) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, String(seconds));
    } catch (error) {} // storage refused: nothing is kept
  }

  var played = false; // the listener has played the audio on this page
  var kept = -1;

  function keepPosition() {
    if (!played) return;
    var seconds = Math.floor(audio.currentTime);
    var heard = audio.ended || (isFinite(audio.duration) && audio.duration - seconds <= END);
    var position = heard || seconds < START ? null : seconds;
    if (position !== kept) keep(position);
    kept = position;
  }

  audio.addEventListener("playing", function () { played = true; });
  audio.addEventListener("timeupdate", keepPosition);
  audio.addEventListener("pause", keepPosition);
  audio.addEventListener("ended", function () { played = true; keepPosition(); });
  window.addEventListener("pagehide", keepPosition);

  var offer = box.querySelector(".podcast-resume");
  var position = saved();
  var fragment = api.fragmentStart();
  if (offer && position >= START && fragment.seconds === null) {
    var pending = position;
    // Before its metadata the audio takes this as where to start; after, it seeks.
    audio.currentTime = position;
    audio.addEventListener("loadedmetadata", function () {
      if (pending !== null && audio.currentTime < 1) audio.currentTime = pending;
    }, { once: true });
    var resume = offer.querySelector(".podcast-resume-continue");
    var restart = offer.querySelector(".podcast-resume-restart");
    resume.textContent = "Continue at " + clock(position);
    resume.setAttribute("aria-label", "Continue at " + clock(position) + ", where you left");
    restart.setAttribute("aria-label", "Start over, from the beginning");
    offer.hidden = false;
    var withdraw = function () { offer.hidden = true; }; // play goes on from there
    var play = function () {
      var playing = audio.play();
      if (playing && playing.catch) playing.catch(function () {});
    };
    resume.addEventListener("click", function () {
      if (audio.readyState >= 1) audio.currentTime = position;
      withdraw();
      play();
    });
    restart.addEventListener("click", function () {
      withdraw();
      pending = null;
      audio.currentTime = 0;
      keep(null);
      play();
    });
    audio.addEventListener("play", withdraw, { once: true });
    // the controls and the chapters are told where it will start
    audio.dispatchEvent(new Event("timeupdate"));
  }

  /* -- share this moment ---------------------------------------------------------- */

  var link = box.querySelector(".podcast-share-link");
  var copy = box.querySelector(".podcast-share-copy");
  var said = box.querySelector(".podcast-share-said");

  function moment() {
    var url = new URL(location.href);
    url.hash = "t=" + Math.floor(api.now());
    return url.href;
  }

  function showMoment() {
    var href = moment();
    if (link.getAttribute("href") === href) return;
    link.setAttribute("href", href);
    link.textContent = href;
  }

  var again = null;

  function copied(href) {
    said.textContent = "Link copied: " + href;
    copy.textContent = "Copied";
    clearTimeout(again);
    again = setTimeout(function () { copy.textContent = "Copy link"; said.textContent = ""; },
      3000);
  }

  /* Without the clipboard API (a page not served over HTTPS), the old way. */
  function copyByHand(href) {
    var field = document.createElement("textarea");
    field.value = href;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) {}
    field.remove();
    if (done) copied(href);
    else said.textContent = "Copy the link shown: " + href;
    copy.focus();
  }

  if (link && copy) {
    showMoment();
    api.onMove(showMoment);
    copy.addEventListener("click", function () {
      showMoment();
      var href = link.getAttribute("href");
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(href).then(function () { copied(href); },
          function () { copyByHand(href); });
      } else {
        copyByHand(href);
      }
    });
  }

  /* -- the transcript, following the audio --------------------------------------- */

  var paragraphs = api.transcriptParagraphs();
  if (!paragraphs.length) return;

  var calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  var current = document.querySelector(".podcast-transcript-current");

  /* The top of what the reader sees: under the header and the player, which stay. */
  function top(element) {
    return parseFloat(getComputedStyle(element).scrollMarginTop) || 0;
  }

  function inView(element) {
    var box = element.getBoundingClientRect();
    return box.bottom > top(element) && box.top < window.innerHeight;
  }

  function inViewWhole(element) {
    var box = element.getBoundingClientRect();
    return box.top >= top(element) && box.bottom <= window.innerHeight;
  }

  api.onMove(function (seconds) {
    if (!played && audio.paused) return; // not playing yet: nothing is being said
    var found = null;
    for (var i = 0; i < paragraphs.length; i++) {
      if (paragraphs[i].start <= seconds + 0.25) found = paragraphs[i].element;
    }
    if (!found || found === current) return;
    // follow only a reader who was following: one who scrolled away is left there
    var follow = !current || inView(current);
    if (current) {
      current.classList.remove("podcast-transcript-current");
      current.removeAttribute("aria-current");
    }
    found.classList.add("podcast-transcript-current");
    found.setAttribute("aria-current", "true");
    current = found;
    if (follow && !inViewWhole(found)) {
      found.scrollIntoView({ block: "center", behavior: calm && calm.matches ? "auto" : "smooth" });
    }
  });
})();
