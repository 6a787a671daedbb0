/* Mentorwise: the little behaviour the pages need, kept out of the templates (no inline script). */
(function () {
  "use strict";

  // An error summary takes the focus when the page loads, so it is read first; its links move
  // the focus to the field they name and scroll its label into view.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    var focusable = field.matches("input, select, textarea, button") ? field : field.querySelector("input, select, textarea, button");
    if (!focusable) return;
    event.preventDefault();
    var label = document.querySelector("label[for='" + focusable.id + "']") || field.closest("fieldset") || focusable;
    label.scrollIntoView();
    focusable.focus({ preventScroll: true });
  });

  // On a phone, the search filters and a page's tabs start folded so that the content is in
  // view. (Only when the page loads: folding them on a resize would move what is under a finger.)
  function foldFiltersOnPhones() {
    if (!window.matchMedia("(max-width: 760px)").matches) return;
    document.querySelectorAll("details[data-collapse-on-phone]").forEach(function (d) { d.open = false; });
  }

  // Whatever htmx is reloading is marked busy, so screen readers wait for the new content.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target) target.setAttribute("aria-busy", "true");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var target = event.detail.target;
    if (target) target.removeAttribute("aria-busy");
  });

  // A lasting live region ([data-live-region="name"]) takes the text of the newest
  // [data-announce="name"] element after each htmx swap, only when that text has changed,
  // so a polled partial does not create a new live region on every poll.
  function announce(name, text) {
    var region = document.querySelector("[data-live-region='" + name + "']");
    if (region && text && region.textContent.trim() !== text.trim()) region.textContent = text;
  }
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("[data-announce]").forEach(function (source) {
      announce(source.dataset.announce, source.textContent);
    });
  });
  // When a poll ends with a full reload (HX-Refresh), the region says so now, and again on the
  // reloaded page ([data-announce-done] holds the message).
  document.addEventListener("htmx:beforeOnLoad", function (event) {
    var xhr = event.detail.xhr;
    if (!xhr || xhr.getResponseHeader("HX-Refresh") !== "true") return;
    var region = document.querySelector("[data-live-region][data-announce-done]");
    if (!region) return;
    announce(region.dataset.liveRegion, region.dataset.announceDone);
    try { sessionStorage.setItem("mw-announce", region.dataset.liveRegion + "\n" + region.dataset.announceDone); } catch (e) { /* private mode */ }
  });
  function announceAfterReload() {
    var saved = null;
    try { saved = sessionStorage.getItem("mw-announce"); sessionStorage.removeItem("mw-announce"); } catch (e) { return; }
    if (!saved) return;
    var parts = saved.split("\n");
    // A region present at load and changed a moment later is announced; one born full is not.
    setTimeout(function () { announce(parts[0], parts[1]); }, 600);
  }

  // A form with [data-confirm] asks before it is sent (releasing a participant, ...).
  document.addEventListener("submit", function (event) {
    var message = event.target.dataset && event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // A button [data-copy="#selector"] copies that element's text (the join code). It is hidden
  // in the page and shown only where the browser can write to the clipboard.
  function enableCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = document.querySelector(button.dataset.copy).textContent.trim();
        navigator.clipboard.writeText(text).then(function () {
          button.textContent = button.dataset.copied || "Copied";
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }

  function ready() {
    focusErrorSummary();
    foldFiltersOnPhones();
    announceAfterReload();
    enableCopyButtons();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
