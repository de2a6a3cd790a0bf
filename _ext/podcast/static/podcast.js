/* The episode's player: click-to-load embed, chapters that seek, deep links.
 *
 * The page ships a thumbnail link and, in a <template>, the player's iframe.
 * Nothing is requested from YouTube (but the thumbnail) until the listener
 * presses play or picks a chapter; then the iframe replaces the facade.
 * Chapters seek the player through YouTube's iframe API (postMessage), with
 * no script from YouTube in the page. Without JavaScript, or on a middle or
 * modified click, every link simply opens YouTube (at the chapter's second).
 * Where the episode's audio is the one playing (or there is no video), chapters
 * and "#t=" links seek the audio instead. As either plays, the chapter playing
 * is marked in the list (aria-current) and named near the player: the video
 * says where it is through the same API's "infoDelivery" messages. The audio's
 * own controls, resuming, sharing and the transcript following the audio are
 * podcast-player.js's, on the pages that have audio only.
 */
(function () {
  "use strict";

  var PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://www.youtube.com"];

  function isPlainClick(event) {
    return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
  }

  /* Seconds from "75", "75s", "1m15s", "1h2m3s", "1:15" or "1:02:03"; null if none.
     Exactly what the site's Python accepts (core/text/times.py, parse_offset):
     digits 0 to 9, minutes and seconds under 60, hours under 100. */
  function parseOffset(text) {
    if (text === null || text === undefined) return null;
    var value = String(text).replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, "")
      .replace(/[HMS]/g, function (letter) { return letter.toLowerCase(); });
    if (value.indexOf(":") >= 0) {
      var parts = value.split(":");
      if (parts.length < 2 || parts.length > 3) return null;
      if (!parts.every(function (part) { return /^[0-9]+$/.test(part); })) return null;
      var numbers = parts.map(function (part) { return parseInt(part, 10); });
      if (numbers.slice(1).some(function (number) { return number >= 60; })) return null;
      if (numbers.length === 3 && numbers[0] >= 100) return null;
      return numbers.reduce(function (total, number) { return total * 60 + number; }, 0);
    }
    var match = /^(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s?)?$/.exec(value);
    if (!value || !match) return null;
    return (parseInt(match[1] || 0, 10) * 3600) + (parseInt(match[2] || 0, 10) * 60) +
      parseInt(match[3] || 0, 10);
  }

  function videoBox(videoId) {
    var boxes = document.querySelectorAll(".podcast-video");
    for (var i = 0; i < boxes.length; i++) {
      if (!videoId || boxes[i].dataset.videoId === videoId) return boxes[i];
    }
    return null;
  }

  /* Send one iframe API command: now, which reaches a player that has loaded,
     and again when it loads if it has not yet (seeking twice is harmless). */
  function command(iframe, func, args) {
    var message = JSON.stringify({ event: "command", func: func, args: args || [] });
    var send = function () {
      var origin = new URL(iframe.src).origin;
      if (PLAYER_ORIGINS.indexOf(origin) < 0 || !iframe.contentWindow) return;
      iframe.contentWindow.postMessage(message, origin);
    };
    send();
    if (iframe.dataset.ready !== "true") iframe.addEventListener("load", send, { once: true });
  }

  function markReady(iframe) {
    iframe.addEventListener("load", function () { iframe.dataset.ready = "true"; }, { once: true });
    listen(iframe);
  }

  /* Ask the video to say where it is ("listening", as YouTube's own API does,
     again until it answers: its script may not be ready when the frame loads). */
  function listen(iframe) {
    var tries = 0;
    var ask = function () {
      if (iframe.dataset.heard === "true" || tries++ > 20 || !iframe.contentWindow) return;
      var origin = new URL(iframe.src).origin;
      if (PLAYER_ORIGINS.indexOf(origin) < 0) return;
      iframe.contentWindow.postMessage(JSON.stringify({ event: "listening", id: "podcast",
        channel: "widget" }), origin);
      setTimeout(ask, 500);
    };
    iframe.addEventListener("load", function () { tries = 0; ask(); }, { once: true });
    ask(); // a frame loaded already hears this; one still loading drops it
  }

  var videoSeconds = null; // where the video last said it was

  window.addEventListener("message", function (event) {
    if (PLAYER_ORIGINS.indexOf(event.origin) < 0) return;
    var iframe = null;
    document.querySelectorAll(".podcast-video iframe").forEach(function (frame) {
      if (frame.contentWindow === event.source) iframe = frame;
    });
    if (!iframe) return;
    var data = event.data;
    try { if (typeof data === "string") data = JSON.parse(data); } catch (error) { return; }
    if (!data || typeof data !== "object") return;
    iframe.dataset.heard = "true";
    var seconds = data.info && data.info.currentTime;
    if (typeof seconds === "number" && isFinite(seconds) && seconds >= 0) {
      videoSeconds = seconds;
      if (!audioChosen) moved(seconds);
    }
  });

  /* Put the player in `box` if it is not there yet; returns its iframe. */
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
    iframe.removeAttribute("loading"); // it is wanted now
    markReady(iframe);
    var facade = box.querySelector(".podcast-video-facade");
    if (facade) facade.replaceWith(iframe);
    else box.appendChild(iframe);
    return iframe;
  }

  var audioChosen = false; // the listener last played the audio, not the video

  function audioPlayer() {
    return document.querySelector(".podcast-audio audio");
  }

  /* Seek the audio and play it; before its metadata has loaded (it preloads
     nothing) the seek waits for it, or the browser may start from zero. */
  function seekAudio(audio, seconds) {
    var go = function () { audio.currentTime = seconds; };
    go();
    if (audio.readyState < 1) {
      audio.addEventListener("loadedmetadata", go, { once: true });
      // nothing loaded yet (autoplay may be refused): the controls and the chapters
      // are told where it will start
      audio.dispatchEvent(new Event("timeupdate"));
    }
    var playing = audio.play();
    if (playing && playing.catch) playing.catch(function () {}); // autoplay may be refused
    return true;
  }

  /* Seek the episode's player to `seconds` and play, loading it if needed. */
  function seek(seconds, videoId) {
    var box = videoBox(videoId);
    var audio = audioPlayer();
    if (audio && (audioChosen || !audio.paused || !box)) return seekAudio(audio, seconds);
    if (!box) return false;
    var iframe = loadPlayer(box, seconds);
    if (!iframe) return false;
    command(iframe, "seekTo", [seconds, true]);
    command(iframe, "playVideo");
    box.scrollIntoView({ behavior: "smooth", block: "center" });
    return true;
  }

  function chapterStart(link) {
    var url = new URL(link.href);
    if (url.hash.indexOf("#t=") === 0) return { seconds: parseOffset(url.hash.slice(3)), video: null };
    return { seconds: parseOffset(url.searchParams.get("t")), video: url.searchParams.get("v") };
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest || !isPlainClick(event)) return;
    var facade = event.target.closest(".podcast-video-facade");
    if (facade) {
      event.preventDefault();
      audioChosen = false;
      var playing = audioPlayer();
      if (playing) playing.pause();
      var iframe = loadPlayer(facade.closest(".podcast-video"), 0);
      if (iframe) iframe.focus();
      return;
    }
    var time = event.target.closest("a.podcast-transcript-time");
    if (time) { // a transcript's time: the player here at that second, else the episode's
      event.preventDefault();
      var here = audioPlayer();
      if (!here) {
        location.href = time.dataset.episode + "#t=" + time.dataset.seconds;
        return;
      }
      audioChosen = true;
      seekAudio(here, parseInt(time.dataset.seconds, 10));
      history.replaceState(null, "", "#t=" + time.dataset.seconds);
      return;
    }
    var link = event.target.closest(".podcast-chapters a.podcast-chapter-link");
    if (link) {
      var start = chapterStart(link);
      if (start.seconds !== null && seek(start.seconds, start.video)) {
        event.preventDefault();
        var item = link.closest("li[id]");
        if (item) history.replaceState(null, "", "#" + item.id);
      }
    }
  });

  /* The start the address names: "#t=75", "#t=1m15s", "#t=1:15" or a chapter's
     anchor; its seconds are null if it names none. */
  function fragmentStart() {
    var fragment = "";
    try { fragment = decodeURIComponent(location.hash.replace(/^#/, "")); } catch (error) {}
    var seconds = null;
    var video = null;
    if (fragment.indexOf("t=") === 0) {
      seconds = parseOffset(fragment.slice(2));
    } else {
      var item = document.getElementById(fragment);
      var link = item && item.querySelector(".podcast-chapters a.podcast-chapter-link, a.podcast-chapter-link");
      if (link && item.classList.contains("podcast-chapter")) {
        var start = chapterStart(link);
        seconds = start.seconds;
        video = start.video;
      }
    }
    return { seconds: seconds, video: video };
  }

  /* The player starts where the address says; a transcript page shows what was
     said then (and its player, if it has one, goes there too). */
  function followFragment() {
    var start = fragmentStart();
    if (start.seconds === null) return;
    if (!showSaid(start.seconds) || audioPlayer()) seek(start.seconds, start.video);
  }

  /* The chapters of the page, first to last: the list's, else a transcript page's
     headings. Each with its start, title and list item (if any). */
  var chapterList = null;
  function chapters() {
    if (chapterList) return chapterList;
    chapterList = [];
    document.querySelectorAll("ol.podcast-chapters li.podcast-chapter").forEach(function (item) {
      var link = item.querySelector("a.podcast-chapter-link");
      var title = item.querySelector(".podcast-chapter-title");
      var start = link ? chapterStart(link).seconds : null;
      if (start !== null) chapterList.push({ item: item, start: start,
        title: title ? title.textContent : "" });
    });
    if (chapterList.length) return chapterList;
    document.querySelectorAll("section[id^='transcript-']").forEach(function (section) {
      var heading = section.querySelector("h1, h2, h3, h4, h5, h6");
      var start = parseOffset(section.id.slice("transcript-".length));
      if (start !== null) chapterList.push({ item: null, start: start,
        title: heading ? heading.firstChild.textContent : "" });
    });
    return chapterList;
  }

  var marked = null; // the chapter marked as playing
  var hearers = []; // what else wants to know where the player is (podcast-player.js)

  /* The player is at `seconds`: mark the chapter there and name it near the player. */
  function moved(seconds) {
    var list = chapters();
    var current = null;
    for (var i = 0; i < list.length; i++) {
      if (list[i].start <= seconds + 0.25) current = list[i];
    }
    if (current !== marked) {
      if (marked && marked.item) marked.item.removeAttribute("aria-current");
      if (current && current.item) current.item.setAttribute("aria-current", "true");
      marked = current;
      var name = current ? "Chapter " + (list.indexOf(current) + 1) + " of " + list.length +
        ": " + current.title : "";
      document.querySelectorAll(".podcast-now").forEach(function (line) {
        line.textContent = name;
      });
    }
    hearers.forEach(function (hearer) { hearer(seconds); });
  }

  /* Where the player is now, in seconds: the audio's, or the video's if it was the
     one playing last. */
  function now() {
    var audio = audioPlayer();
    if (audio && (audioChosen || videoSeconds === null)) return audio.currentTime;
    return videoSeconds || 0;
  }

  /* A transcript page's paragraphs, in order, each with the second it starts at:
     a paragraph's anchor is its time, "t-" and that second. */
  function transcriptParagraphs() {
    var found = [];
    document.querySelectorAll(".podcast-transcript-paragraph > .podcast-transcript-time[id^='t-']")
      .forEach(function (time) {
        var start = parseInt(time.id.slice(2), 10);
        if (!isNaN(start)) found.push({ element: time.parentNode, start: start });
      });
    return found;
  }

  /* On a transcript page, "#t=" shows what was said at that second. */
  function showSaid(seconds) {
    var said = null;
    transcriptParagraphs().forEach(function (paragraph) {
      if (paragraph.start <= seconds) said = paragraph.element;
    });
    if (!said) return false;
    document.querySelectorAll(".podcast-transcript-current").forEach(function (paragraph) {
      paragraph.classList.remove("podcast-transcript-current");
    });
    said.classList.add("podcast-transcript-current");
    said.scrollIntoView({ block: "center" });
    return true;
  }

  document.querySelectorAll(".podcast-video iframe").forEach(markReady);
  var audio = audioPlayer();
  if (audio) {
    audio.addEventListener("play", function () { audioChosen = true; });
    ["timeupdate", "seeked"].forEach(function (name) {
      audio.addEventListener(name, function () { moved(audio.currentTime); });
    });
  }
  // The theme's section toggles in the sidebar are icons only: give them a name.
  document.querySelectorAll(".bd-sidebar summary").forEach(function (summary) {
    if (!summary.textContent.trim() && !summary.hasAttribute("aria-label")) {
      var link = summary.parentElement && summary.parentElement.parentElement &&
        summary.parentElement.parentElement.querySelector(":scope > a");
      summary.setAttribute("aria-label", "Show or hide the pages of " +
        (link ? link.textContent.trim() : "this section"));
    }
  });
  window.addEventListener("hashchange", followFragment);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", followFragment);
  else followFragment();

  window.podcastPlayer = {
    load: loadPlayer, seek: seek, parseOffset: parseOffset, fragmentStart: fragmentStart,
    now: now, moved: moved, onMove: function (hearer) { hearers.push(hearer); },
    transcriptParagraphs: transcriptParagraphs
  };
})();
