/* WCAG 2.1 AA fixes for Material's own markup, applied on every page load (instant navigation
 * included): the loading bar gets a name, and every block that scrolls sideways can be reached
 * and scrolled with the keyboard, on touch screens too. */
(() => {
  "use strict";

  const TABLES = ".md-typeset__scrollwrap";
  const CODE = ".md-typeset pre > code";
  const HEADINGS = "h1, h2, h3, h4, h5, h6";

  const overflows = (node) => node.scrollWidth > node.clientWidth + 1;

  /** Material's loading bar is a progressbar without a name. */
  function nameProgressBar() {
    const bar = document.querySelector('[data-md-component="progress"]');
    if (bar) bar.setAttribute("aria-label", "Page loading");
  }

  /** The text of the last heading before `node`, without its permalink sign. */
  function headingBefore(node) {
    const article = node.closest("article") || document.body;
    const before = [...article.querySelectorAll(HEADINGS)].filter(
      (heading) => heading.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    const heading = before.at(-1);
    if (!heading) return "";
    const copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
    return copy.textContent.trim();
  }

  /** A table wider than its wrapper: the wrapper becomes a named, focusable region. */
  function updateTable(wrap) {
    if (!overflows(wrap)) {
      ["tabindex", "role", "aria-label"].forEach((name) => wrap.removeAttribute(name));
      return;
    }
    if (wrap.hasAttribute("tabindex")) return;
    const caption = wrap.querySelector("caption");
    const title = caption ? caption.textContent.trim() : headingBefore(wrap);
    wrap.setAttribute("aria-label", `${title ? `${title}: ` : ""}table, scrolls sideways`);
    wrap.setAttribute("role", "region");
    wrap.setAttribute("tabindex", "0");
  }

  /** Material makes wide code focusable only where the device can hover; phones too. */
  function updateCode(code) {
    if (overflows(code) && code.getAttribute("tabindex") !== "0") code.setAttribute("tabindex", "0");
  }

  const update = (node) => (node.matches(TABLES) ? updateTable(node) : updateCode(node));
  const resized = new ResizeObserver((entries) => {
    entries.forEach(({ target }) => update(target.closest(`${TABLES}, ${CODE}`) || target));
  });
  // Material drops the code's tabindex again when its size changes on a device without hover.
  const retabbed = new MutationObserver((records) => records.forEach(({ target }) => update(target)));

  function watchScrollers() {
    resized.disconnect();
    retabbed.disconnect();
    for (const node of document.querySelectorAll(`${TABLES}, ${CODE}`)) {
      resized.observe(node);
      if (node.firstElementChild) resized.observe(node.firstElementChild);
      if (node.matches(CODE)) retabbed.observe(node, { attributes: true, attributeFilter: ["tabindex"] });
      update(node);
    }
  }

  function fixPage() {
    nameProgressBar();
    watchScrollers();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(fixPage);
  } else {
    fixPage();
  }
})();
