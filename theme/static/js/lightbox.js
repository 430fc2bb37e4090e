/*
 * Lightbox of a page's photos: progressive enhancement over plain links.
 *
 * Without JavaScript every photo ([data-vn-lightbox]) is a link to its large
 * image. Here a click (or Enter) on one opens the page's
 * <dialog data-vn-lightbox-dialog> (components/lightbox.html: the markup
 * and every visible string) as a modal, showing the photo at the size the
 * screen needs (its srcsets; WebP where the browser takes it), its caption
 * and a counter ("3 / 8").
 * Previous/next: the buttons, the arrow keys, a swipe (or a mouse drag).
 * Esc, the close button or a click beside the photo closes it and focus
 * returns to the photo that opened it; Tab stays inside while it is open.
 */
(function () {
  "use strict";

  var dialog = document.querySelector("[data-vn-lightbox-dialog]");
  var links = Array.prototype.slice.call(
    document.querySelectorAll("a[data-vn-lightbox]"));
  if (!dialog || !links.length || typeof dialog.showModal !== "function") {
    return;
  }

  function part(name) {
    return dialog.querySelector("[data-vn-lightbox-" + name + "]");
  }

  // <picture><source type="image/webp"><img></picture>, made here: an
  // <img> without src in the page would be invalid HTML.
  var picture = document.createElement("picture");
  var source = document.createElement("source");
  var image = document.createElement("img");
  source.type = "image/webp";
  source.sizes = "100vw";
  image.sizes = "100vw";
  image.className = "vn-lightbox__img";
  image.draggable = false;
  picture.appendChild(source);
  picture.appendChild(image);
  part("frame").appendChild(picture);
  var caption = part("caption");
  var counter = part("counter");
  var stage = part("stage");
  var current = 0;
  var opener = null;

  function show(index) {
    var count = links.length;
    current = ((index % count) + count) % count;
    var link = links[current];
    var photo = link.querySelector("img");
    var figure = link.closest("figure");
    var text = figure && figure.querySelector("figcaption");

    var webp = link.querySelector("source");

    // Clear first, so the previous photo never shows under the new caption.
    image.removeAttribute("src");
    image.removeAttribute("srcset");
    // The photo's own srcsets, for the whole screen: a phone loads a
    // phone-sized image, a wide screen the large one.
    source.srcset = webp ? webp.srcset : "";
    image.width = Number(link.getAttribute("data-vn-width")) || 0;
    image.height = Number(link.getAttribute("data-vn-height")) || 0;
    image.alt = photo ? photo.alt : "";
    if (photo && photo.srcset) {
      image.srcset = photo.srcset;
    }
    image.src = link.href;

    while (caption.firstChild) {
      caption.removeChild(caption.firstChild);
    }
    if (text) {
      Array.prototype.forEach.call(text.childNodes, function (node) {
        caption.appendChild(node.cloneNode(true));
      });
    }
    counter.textContent = (current + 1) + " / " + count;
  }

  function open(index) {
    opener = links[index];
    show(index);
    document.documentElement.classList.add("vn-lightbox-open");
    dialog.showModal();
    part("close").focus();
  }

  function close() {
    if (dialog.open) {
      dialog.close();
    }
  }

  dialog.addEventListener("close", function () {
    document.documentElement.classList.remove("vn-lightbox-open");
    image.removeAttribute("src");
    if (opener) {
      opener.focus();
    }
  });

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      // A new tab or window keeps the browser's own behaviour.
      if (event.button !== 0 || event.ctrlKey || event.metaKey ||
          event.shiftKey || event.altKey) {
        return;
      }
      event.preventDefault();
      open(index);
    });
  });

  part("prev").addEventListener("click", function () { show(current - 1); });
  part("next").addEventListener("click", function () { show(current + 1); });
  part("close").addEventListener("click", close);

  // A click on the dark area around the photo closes, as on most sites.
  dialog.addEventListener("click", function (event) {
    var target = event.target;
    var around = [dialog, stage, part("frame"), picture];
    if (around.indexOf(target) !== -1) {
      close();
    }
  });

  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowLeft") {
      event.preventDefault();
      show(current - 1);
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      show(current + 1);
    } else if (event.key === "Tab") {
      // The modal makes the page inert, but Tab could still leave for the
      // browser's own controls: keep it on the dialog's buttons.
      var buttons = dialog.querySelectorAll("button");
      var first = buttons[0];
      var last = buttons[buttons.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  // Swipe (touch) or drag (mouse, pen) sideways over the photo.
  var start = null;
  stage.addEventListener("pointerdown", function (event) {
    start = { x: event.clientX, y: event.clientY };
  });
  stage.addEventListener("pointercancel", function () { start = null; });
  stage.addEventListener("pointerup", function (event) {
    if (!start) {
      return;
    }
    var dx = event.clientX - start.x;
    var dy = event.clientY - start.y;
    start = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) {
      show(current + (dx < 0 ? 1 : -1));
      stage.setAttribute("data-vn-swiped", "");
    }
  });
  // A swipe ends with a click on the stage: it must not close the dialog.
  stage.addEventListener("click", function (event) {
    if (stage.hasAttribute("data-vn-swiped")) {
      stage.removeAttribute("data-vn-swiped");
      event.stopPropagation();
    }
  }, true);
})();
