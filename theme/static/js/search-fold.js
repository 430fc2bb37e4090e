/*
 * Vietnamese folding for search, the browser's half of plugins/search/fold.py
 * and vn_text.search_fold. Both sides are tested on the same cases
 * (tests/data/search-fold-cases.json).
 *
 * Pagefind folds tone and vowel marks itself, but "đ" is a letter, not "d"
 * plus a mark. The index therefore writes "đ" as "d" + U+0335 (a combining
 * stroke, which Pagefind folds away); markD does the same to the query, and
 * unmarkD restores "đ" in the excerpts Pagefind returns.
 */

const STROKE = "\u0335";

/** Strip every mark and map đ/Đ to d/D, keeping case (= vn_text.search_fold). */
export function searchFold(text) {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/** NFC text with đ/Đ written as d/D + U+0335 (= fold.mark_d). */
export function markD(text) {
  return text
    .normalize("NFC")
    .replace(/đ/g, "d" + STROKE)
    .replace(/Đ/g, "D" + STROKE);
}

/** Undo markD (= fold.unmark_d). */
export function unmarkD(text) {
  return text.replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");
}
