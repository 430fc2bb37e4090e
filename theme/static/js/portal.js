/*
 * Small enhancements of the portal's pages; everything works without them.
 * - [data-print]: a button that opens the browser's print dialog.
 * - [data-copy-link]: a button that copies its URL to the clipboard and
 *   says so in the nearest .vn-share__status (role="status").
 * - the main menu's current item, and the item reached with the keyboard,
 *   scrolled into view where the menu scrolls sideways (phones).
 * The buttons are rendered hidden and shown here, so a reader without
 * JavaScript never sees a button that does nothing. Messages come from the
 * buttons' data attributes: every visible string stays in the templates.
 */
(function () {
  "use strict";

  function say(button, message) {
    var bar = button.closest(".vn-share");
    var status = bar && bar.querySelector(".vn-share__status");
    if (status) {
      status.textContent = message;
    }
  }

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "vn-visually-hidden";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    document.body.removeChild(field);
    return done;
  }

  function copy(button) {
    var text = button.getAttribute("data-copy-link");
    var ok = function () { say(button, button.getAttribute("data-copied")); };
    var fail = function () { say(button, button.getAttribute("data-failed")); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(ok, function () {
        if (copyWithSelection(text)) { ok(); } else { fail(); }
      });
    } else if (copyWithSelection(text)) {
      ok();
    } else {
      fail();
    }
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    if (typeof window.print !== "function") {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });

  // On phones the menu scrolls sideways (main.css). Centre an item that is
  // out of sight or under the fade at the right edge: the current one on
  // load, and one reached with the keyboard (Chromium leaves an item that is
  // partly in view where it is). Setting scrollLeft moves the menu only,
  // never the page; where the menu does not scroll it changes nothing.
  // Taps are left alone: a menu that moved under a finger would lose them.
  function reveal(link) {
    var list = link.closest("ul");
    var box = list.getBoundingClientRect();
    var item = link.getBoundingClientRect();
    if (item.left < box.left || item.right > box.right - 32) {
      list.scrollLeft += item.left - box.left - (box.width - item.width) / 2;
    }
  }

  var menu = document.querySelector(".vn-nav__list");
  if (menu) {
    var current = menu.querySelector("[aria-current]");
    if (current) {
      reveal(current);
    }
    menu.addEventListener("focusin", function (event) {
      if (event.target.matches(":focus-visible")) {
        reveal(event.target);
      }
    });
  }
}());
