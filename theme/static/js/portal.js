/*
 * Small enhancements of the portal's pages; everything works without them.
 * - [data-print]: a button that opens the browser's print dialog.
 * - [data-copy-link]: a button that copies its URL to the clipboard and
 *   says so in the nearest .vn-share__status (role="status").
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
}());
