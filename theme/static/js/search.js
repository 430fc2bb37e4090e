/*
 * The search page (theme/templates/search.html): reads the query and the
 * filters from the URL (?q=...&don-vi=...&sap-xep=moi), searches the
 * self-hosted Pagefind bundle and shows the results in Vietnamese.
 *
 * Without this script the page is still a plain GET form, with a note that
 * search needs JavaScript and links to browse instead (search_fallback.html).
 *
 * The folding helpers (search-fold.js) are imported from the URL the page
 * gives (data-fold): theme files carry a content hash in their names, which
 * a static relative import could not follow.
 */
const FILTERS = ["chuyen-muc", "don-vi", "lanh-dao", "nam"];
const SORTS = { moi: { ngay: "desc" }, cu: { ngay: "asc" } };
const VOCABULARY = "tu-dien";
const TYPING_DELAY_MS = 300;
const EXCERPT_WORDS = 30; // Pagefind's default excerpt length
const count = new Intl.NumberFormat("vi-VN");
let fold; // search-fold.js, once loaded

const TEXT = {
  loading: "Đang tải công cụ tìm kiếm…",
  searching: "Đang tìm…",
  failed:
    "Không tải được công cụ tìm kiếm. Hãy tải lại trang, hoặc tìm tin bài qua các trang bên dưới.",
  broken: "Tìm kiếm bị gián đoạn (mất kết nối?). Hãy thử lại.",
  found(total, query, filters) {
    let text = `Tìm thấy ${count.format(total)} kết quả`;
    if (query) text += ` cho “${query}”`;
    if (filters) text += ` (${filters})`;
    return text + ".";
  },
  shown: (shown, total) => ` Đang hiển thị ${count.format(shown)}/${count.format(total)}.`,
  none(query, filters) {
    let text = "Không tìm thấy bài viết nào";
    if (query) text += ` cho “${query}”`;
    if (filters) text += ` với bộ lọc đã chọn (${filters})`;
    return text + ".";
  },
};

const root = document.querySelector("[data-vn-search]");
if (root) start(root);

async function start(root) {
  const ui = {
    form: root.querySelector("[data-vn-search-form]"),
    options: root.querySelector("[data-vn-search-options]"),
    query: root.querySelector("#vn-search-q"),
    sort: root.querySelector("[data-vn-search-sort]"),
    fallback: root.querySelector("[data-vn-search-fallback]"),
    results: root.querySelector("[data-vn-search-results]"),
    status: root.querySelector("[data-vn-search-status]"),
    list: root.querySelector("[data-vn-search-list]"),
    more: root.querySelector("[data-vn-search-more]"),
    empty: root.querySelector("[data-vn-search-empty]"),
    emptyFilters: root.querySelector("[data-vn-search-empty-filters]"),
  };
  const pageSize = Number(root.dataset.pageSize) || 10;

  // The note for readers without JavaScript comes back if loading fails.
  ui.fallback.hidden = true;
  let state = readState(location.href);
  fillForm(ui, state);
  if (isActive(state)) showStatus(ui, TEXT.loading, true);

  // One Pagefind bundle per shard of the archive, newest articles first
  // (plugins/search/indexer.py); each module import is its own instance.
  let shards;
  try {
    fold = await import(new URL(root.dataset.fold, location.href).href);
    shards = await Promise.all(
      root.dataset.bundles.split(/\s+/).filter(Boolean).map(async (url) => {
        const pagefind = await import(new URL(url, location.href).href);
        await pagefind.init();
        return pagefind;
      }),
    );
  } catch (error) {
    showStatus(ui, TEXT.failed, false);
    ui.fallback.hidden = false;
    return;
  }

  // Only the newest search may draw: an older one can finish later.
  let generation = 0;
  let pending = [];
  let typingTimer;

  async function run(next) {
    try {
      await draw(next);
    } catch (error) {
      // A fragment or index chunk could not be fetched (a phone losing its
      // connection): say so instead of leaving "Đang tìm…" forever.
      showStatus(ui, TEXT.broken, false);
    }
  }

  async function draw(next) {
    state = next;
    const mine = ++generation;
    ui.list.replaceChildren();
    ui.more.hidden = true;
    ui.empty.hidden = true;
    if (!isActive(state)) {
      ui.results.hidden = true;
      return;
    }
    showStatus(ui, TEXT.searching, true);
    const sort = SORTS[state.sort] || (state.q ? undefined : SORTS.moi);
    const options = { filters: state.filters };
    if (sort) options.sort = sort;
    // A sharded index has a page of all its words in each shard, never shown
    // (plugins/search/records.py: vocabulary).
    if (shards.length > 1) options.filters = { ...state.filters, not: { [VOCABULARY]: "co" } };
    const found = await searchShards(shards, state.q ? fold.markD(state.q) : null, options);
    if (mine !== generation || !found) return;
    pending = sort ? found : phraseFirst(found, state.q);
    const total = pending.length;
    const filters = describeFilters(ui, state);
    if (!total) {
      showStatus(ui, TEXT.none(state.q, filters), false);
      ui.emptyFilters.hidden = !filters;
      ui.empty.hidden = false;
      return;
    }
    const shown = await showMore(mine);
    if (shown === null) return;
    showStatus(
      ui,
      TEXT.found(total, state.q, filters) + (total > shown ? TEXT.shown(shown, total) : ""),
      false,
    );
  }

  // Draws the next page of results; returns how many are shown in all.
  async function showMore(mine) {
    const batch = pending.slice(ui.list.children.length, ui.list.children.length + pageSize);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (mine !== generation) return null;
    const terms = foldedTerms(state.q);
    const length = queryLength(state.q);
    ui.list.append(
      ...data.map((item) => renderResult(item, terms, phraseExcerpt(item, length))),
    );
    ui.more.hidden = ui.list.children.length >= pending.length;
    return ui.list.children.length;
  }

  function searchNow(push) {
    clearTimeout(typingTimer);
    const next = stateFromForm(ui);
    writeUrl(next, push);
    run(next);
  }

  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    searchNow(true);
  });
  ui.query.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => searchNow(false), TYPING_DELAY_MS);
  });
  for (const select of ui.form.querySelectorAll("select")) {
    select.addEventListener("change", () => searchNow(true));
  }
  ui.more.addEventListener("click", async () => {
    const before = ui.list.children.length;
    let shown;
    try {
      shown = await showMore(generation);
    } catch (error) {
      showStatus(ui, TEXT.broken, false);
      return;
    }
    if (shown === null) return;
    showStatus(
      ui,
      TEXT.found(pending.length, state.q, describeFilters(ui, state)) +
        (pending.length > shown ? TEXT.shown(shown, pending.length) : ""),
      false,
    );
    // Keyboard and screen-reader users continue from the first new result.
    ui.list.children[before]?.querySelector("a")?.focus();
  });
  window.addEventListener("popstate", () => {
    const next = readState(location.href);
    fillForm(ui, next);
    run(next);
  });

  run(state);
}

// The results of every shard as one list. Shards hold consecutive spans of
// time, newest first: sorted by date, their lists follow one another (in
// reverse for the oldest first); by relevance, they merge by score.
async function searchShards(shards, query, options) {
  const answers = await Promise.all(shards.map((shard) => shard.search(query, options)));
  if (answers.some((answer) => !answer)) return null;
  if (answers.length === 1) return answers[0].results;
  if (options.sort) {
    const order = Object.values(options.sort)[0] === "asc" ? [...answers].reverse() : answers;
    return order.flatMap((answer) => answer.results);
  }
  return answers.flatMap((answer) => answer.results).sort((a, b) => b.score - a.score);
}

// Pagefind ranks by term frequency, not by how close the words are: for
// "doi thanh tra" a page that says "Đội Thanh tra" could come after pages
// with "đổi", "thành" and "trà" scattered about. Pages where the query's
// words stand side by side (consecutive matched positions, known without
// loading any fragment) go first; each group keeps Pagefind's order.
function queryLength(query) {
  return (query || "").split(/\s+/).map(stripPunctuation).filter(Boolean).length;
}

function phraseFirst(results, query) {
  const length = queryLength(query);
  if (length < 2) return results;
  const adjacent = (result) => runs(result.words || [], length).length > 0;
  return [...results.filter(adjacent), ...results.filter((result) => !adjacent(result))];
}

// Start positions of the runs of at least `length` consecutive positions.
function runs(positions, length) {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const starts = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i += 1) {
    if (i < sorted.length && sorted[i] === sorted[i - 1] + 1) continue;
    if (i - start >= length) starts.push(sorted[start]);
    start = i;
  }
  return starts;
}

// Pagefind centres its excerpt on the densest matches, which for a phrase
// can be a lone "trật" rather than "Đội Thanh tra". When the words stand
// side by side in the body, the excerpt is centred on that place instead,
// built the way Pagefind builds its own (words of raw_content, <mark> on
// the matched positions). The title is not repeated in the excerpt.
// Without a query (filters only) the excerpt is the article's opening.
function phraseExcerpt(item, length, size = EXCERPT_WORDS) {
  if (typeof item.raw_content !== "string") return item.excerpt;
  const titleWords = (item.meta.title || "").split(/\s+/).filter(Boolean).length;
  const words = item.raw_content.split(/[\r\n\s]+/g);
  // Filters alone match no word: show the opening of the article.
  if (!length) return words.slice(titleWords, titleWords + size).join(" ").trim();
  if (length < 2) return item.excerpt;
  const at = runs(item.locations || [], length).find((position) => position >= titleWords);
  if (at === undefined) return item.excerpt;
  const centred = at - Math.floor((size - length) / 2);
  const start = Math.max(titleWords, Math.min(centred, words.length - size));
  const marked = new Set(item.locations);
  return words
    .slice(start, start + size)
    .map((word, i) => (marked.has(start + i) ? `<mark>${word}</mark>` : word))
    .join(" ")
    .trim();
}

function readState(href) {
  const params = new URL(href).searchParams;
  const filters = {};
  for (const name of FILTERS) {
    const value = (params.get(name) || "").trim();
    if (value) filters[name] = value;
  }
  return {
    q: (params.get("q") || "").trim().replace(/\s+/g, " "),
    filters,
    sort: params.get("sap-xep") || "",
  };
}

function stateFromForm(ui) {
  return readState(`${location.origin}${location.pathname}?${new URLSearchParams(new FormData(ui.form))}`);
}

function fillForm(ui, state) {
  ui.query.value = state.q;
  for (const name of FILTERS) {
    const select = ui.form.elements.namedItem(name);
    if (!select) continue;
    const value = state.filters[name] || "";
    // A link may name a value no article has yet: keep it visible.
    if (value && ![...select.options].some((option) => option.value === value)) {
      select.add(new Option(value, value));
    }
    select.value = value;
  }
  if (ui.sort) ui.sort.value = SORTS[state.sort] ? state.sort : "";
  if (ui.options && (Object.keys(state.filters).length || SORTS[state.sort])) {
    ui.options.open = true;
  }
}

function writeUrl(state, push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [name, value] of Object.entries(state.filters)) params.set(name, value);
  if (state.sort) params.set("sap-xep", state.sort);
  const query = params.toString();
  const url = location.pathname + (query ? `?${query}` : "");
  if (url === location.pathname + location.search) return;
  history[push ? "pushState" : "replaceState"](null, "", url);
}

// "Đơn vị: Phòng Nội vụ; Năm: 2025", from the form's own labels.
function describeFilters(ui, state) {
  return Object.entries(state.filters)
    .map(([name, value]) => {
      const select = ui.form.elements.namedItem(name);
      const option = select && [...select.options].find((o) => o.value === value);
      const label = select && ui.form.querySelector(`label[for="${select.id}"]`);
      return `${label ? label.textContent.trim() : name}: ${option ? option.text : value}`;
    })
    .join("; ");
}

function isActive(state) {
  return Boolean(state.q) || Object.keys(state.filters).length > 0;
}

function showStatus(ui, text, busy) {
  ui.results.hidden = false;
  ui.status.textContent = text;
  ui.list.setAttribute("aria-busy", String(busy));
}

function foldedTerms(query) {
  return new Set(
    fold.searchFold(query || "")
      .toLowerCase()
      .split(/\s+/)
      .map(stripPunctuation)
      .filter(Boolean),
  );
}

function stripPunctuation(word) {
  return word.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, "");
}

function renderResult(item, terms, excerptHtml) {
  const li = document.createElement("li");
  li.className = "vn-search-result";

  const heading = document.createElement("h3");
  heading.className = "vn-search-result__title";
  const link = document.createElement("a");
  link.className = "vn-search-result__link";
  // Pagefind prefixes the site's path, taken from where its bundle is.
  link.href = item.url;
  link.append(highlightWords(item.meta.title || item.url, terms));
  heading.append(link);

  const meta = document.createElement("p");
  meta.className = "vn-search-result__meta";
  if (item.meta.category) {
    const category = document.createElement("span");
    category.className = "vn-search-result__category";
    category.textContent = item.meta.category;
    meta.append(category, " ");
  }
  if (item.meta.date) {
    const time = document.createElement("time");
    time.className = "vn-search-result__date";
    time.dateTime = item.meta.datetime || "";
    time.textContent = item.meta.date;
    meta.append(time);
  }

  const excerpt = document.createElement("p");
  excerpt.className = "vn-search-result__excerpt";
  excerpt.append(excerptNodes(excerptHtml || ""));

  li.append(heading, meta, excerpt);
  return li;
}

// Marks the title's words that fold to a query word.
function highlightWords(text, terms) {
  const fragment = document.createDocumentFragment();
  for (const piece of text.split(/(\s+)/)) {
    const folded = stripPunctuation(fold.searchFold(piece).toLowerCase());
    if (folded && terms.has(folded)) {
      const mark = document.createElement("mark");
      mark.textContent = piece;
      fragment.append(mark);
    } else {
      fragment.append(piece);
    }
  }
  return fragment;
}

// Pagefind's excerpt is HTML with <mark> around the matches. Rebuild it from
// its text and marks only, and put back the "đ" the index spelled d + U+0335.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const fragment = document.createDocumentFragment();
  for (const node of parsed.body.childNodes) {
    const text = fold.unmarkD(node.textContent);
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = text;
      fragment.append(mark);
    } else {
      fragment.append(text);
    }
  }
  return fragment;
}
