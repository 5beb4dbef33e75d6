/* The page behaviour this site uses from Material for MkDocs, without Material's bundle.
 *
 * Why: Material's bundle (114 KB minified) evaluates and mounts every component at start-up;
 * on a phone-class CPU that is the long task that kept Lighthouse performance at 91-98 on
 * this site's pages, and the same pages without it score 100 (site_plugins/theme_script).
 * This script does what the site's theme features need, each part only when the page has it,
 * and work that can wait (the search index, the table of contents) waits for the reader.
 *
 * Parts, in order: palette, code blocks (copy, keyboard scrolling), linked content tabs, search,
 * keyboard shortcuts, scroll-driven header, back-to-top and table of contents, focus rings.
 * It reads Material's own markup and stores choices under Material's keys (__palette,
 * __tabs), so the theme's inline start-up scripts keep working unchanged.
 */
(() => {
  "use strict";

  const root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const feature = name => config.features.includes(name);
  const t = (key, count) => (config.translations[key] || key).replace("#", count);
  const $ = (selector, el = document) => el.querySelector(selector);
  const $$ = (selector, el = document) => Array.from(el.querySelectorAll(selector));
  const toggle = name => $(`[data-md-toggle="${name}"]`);
  const component = name => $(`[data-md-component="${name}"]`);

  /** A toggle (drawer, search) set the way a click would, so CSS and listeners follow. */
  function setToggle(name, value) {
    const el = toggle(name);
    if (el && el.checked !== value) el.click();
  }

  /** An element from a tag, attributes and children (strings are HTML, as Material's h()). */
  function h(tag, attributes = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
    for (const child of children)
      if (typeof child === "string") el.insertAdjacentHTML("beforeend", child);
      else if (child) el.append(child);
    return el;
  }

  /** After the page has loaded and the browser is idle: work nobody waits for. */
  function later(fn) {
    const run = () => ("requestIdleCallback" in window ? requestIdleCallback(fn) : setTimeout(fn, 1));
    if (document.readyState === "complete") run();
    else addEventListener("load", run, { once: true });
  }

  /* -- Palette: light, dark or the system's, remembered across pages ---------------------- */

  function palette() {
    const form = component("palette");
    if (!form) return;
    const inputs = $$("input", form);
    const saved = __md_get("__palette");
    let index = saved && saved.index != null ? saved.index
      : inputs.findIndex(input => matchMedia(input.getAttribute("data-md-color-media")).matches);
    index = Math.max(0, Math.min(index, inputs.length - 1));

    const colour = input => {
      let chosen = input;
      const media = input.getAttribute("data-md-color-media");
      if (media === "(prefers-color-scheme)")
        chosen = $(matchMedia("(prefers-color-scheme: light)").matches
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']", form) || input;
      return {
        media,
        scheme: chosen.getAttribute("data-md-color-scheme"),
        primary: chosen.getAttribute("data-md-color-primary"),
        accent: chosen.getAttribute("data-md-color-accent"),
      };
    };
    // The header's colour for the browser's own bar, read once the page is idle (reading a
    // computed style at start-up would force a style pass before the first paint).
    const meta = {};
    const browserColours = () => {
      for (const name of ["theme-color", "color-scheme"])
        meta[name] = meta[name] || document.head.appendChild(h("meta", { name }));
      const style = getComputedStyle(component("header"));
      meta["color-scheme"].content = style.colorScheme;
      meta["theme-color"].content = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3)
        .map(value => (+value).toString(16).padStart(2, "0")).join("");
    };
    const apply = (input, switching) => {
      const color = colour(input);
      const body = document.body;
      if (switching) body.setAttribute("data-md-color-switching", "");
      for (const [key, value] of Object.entries(color))
        if (body.getAttribute(`data-md-color-${key}`) !== value)
          body.setAttribute(`data-md-color-${key}`, value);
      inputs.forEach((each, i) => {
        const label = each.nextElementSibling;
        if (label instanceof HTMLElement && label.hidden !== (each !== input))
          label.hidden = each !== input;
      });
      if (!input.checked) input.checked = true;
      __md_set("__palette", { index: inputs.indexOf(input), color });
      if (switching) {
        setTimeout(() => body.removeAttribute("data-md-color-switching"));
        browserColours();
      }
    };

    apply(inputs[index], false);
    later(browserColours);
    for (const input of inputs) input.addEventListener("change", () => apply(input, true));
    // Enter on the toggle moves to the next palette, as a click on it does.
    form.addEventListener("keydown", event => {
      if (event.key !== "Enter") return;
      const current = inputs.findIndex(input => input.checked);
      const next = inputs[(current + 1) % inputs.length];
      next.click();
      next.focus();
    });
    // "Follow the system": follow it when it changes, too.
    matchMedia("(prefers-color-scheme: light)").addEventListener("change", () => {
      const current = inputs.find(input => input.checked);
      if (current && current.getAttribute("data-md-color-media") === "(prefers-color-scheme)")
        apply(current, true);
    });
  }

  /* -- Code blocks: a copy button, and keyboard scrolling where a block overflows ---------- */

  function codeBlocks() {
    const copy = feature("content.code.copy");
    // Material makes an overflowing block focusable (so arrow keys scroll it) on devices with
    // a pointer that hovers. A ResizeObserver reports after layout, so the check costs no
    // extra layout pass.
    const overflow = matchMedia("(hover)").matches && "ResizeObserver" in window
      ? new ResizeObserver(entries => {
        for (const { target } of entries)
          if (target.scrollWidth > target.clientWidth) target.setAttribute("tabindex", "0");
          else target.removeAttribute("tabindex");
      })
      : null;
    $$("pre > code").forEach((code, n) => {
      if (overflow) overflow.observe(code);
      if (!(code.closest(".copy") || (copy && !code.closest(".no-copy")))) return;
      const pre = code.parentElement;
      pre.id = pre.id || `__code_${n}`;
      const button = h("button", {
        class: "md-code__button",
        title: t("clipboard.copy"),
        "data-clipboard-target": `#${pre.id} > code`,
        "data-md-type": "copy",
      });
      pre.insertBefore(h("nav", { class: "md-code__nav" }, button), code);
    });
  }

  /** The text a copy button copies: what the reader sees, prompts and output left out. */
  function copiedText(el) {
    el.setAttribute("data-md-copying", "");
    const holder = el.closest("[data-copy]");
    const text = holder ? holder.getAttribute("data-copy") : el.innerText;
    el.removeAttribute("data-md-copying");
    return text.trimEnd();
  }

  /** Put text on the clipboard; outside a secure context, through a selected text area. */
  async function writeClipboard(text) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch (error) {
      const area = h("textarea", { readonly: "", style: "position:fixed;top:0;opacity:0" });
      area.value = text;
      document.body.append(area);
      area.select();
      const done = document.execCommand("copy");
      area.remove();
      if (!done) throw error;
    }
  }

  let dialogTimer;
  /** Material's corner message ("Copied to clipboard"), for two seconds. */
  function tell(message) {
    const dialog = component("dialog");
    if (!dialog) return;
    $(".md-dialog__inner", dialog).textContent = message;
    dialog.classList.add("md-dialog--active");
    clearTimeout(dialogTimer);
    dialogTimer = setTimeout(() => dialog.classList.remove("md-dialog--active"), 2000);
  }

  document.addEventListener("click", event => {
    const button = event.target instanceof Element && event.target.closest("[data-clipboard-target]");
    if (!button) return;
    const target = $(button.getAttribute("data-clipboard-target"));
    if (!target) return;
    writeClipboard(copiedText(target)).then(() => {
      button.focus();
      tell(t("clipboard.copied"));
    }, () => tell("Could not copy: select the text and copy it by hand"));
  });

  /* -- Content tabs: the same tab chosen everywhere (the underline is CSS: page.css) ------ */

  function contentTabs() {
    if (!feature("content.tabs.link")) return;
    const sets = $$(".tabbed-set");
    const labelOf = input => $(`label[for="${input.id}"]`);
    const inputsOf = set => $$(":scope > input", set);
    for (const set of sets)
      for (const input of inputsOf(set))
        input.addEventListener("change", () => choose(set, labelOf(input).textContent.trim()));
    // Choosing "Python" in one set chooses it in every set that has it, and on later pages
    // (the theme's inline script restores __tabs before the first paint). The set the reader
    // clicked stays where it was on the screen while the others change height.
    function choose(clicked, tab) {
      const before = clicked.getBoundingClientRect().top;
      for (const set of sets) {
        if (set === clicked) continue;
        const input = inputsOf(set).find(each => labelOf(each).textContent.trim() === tab);
        if (input && !input.checked) input.checked = true;
      }
      window.scrollBy(0, clicked.getBoundingClientRect().top - before);
      const tabs = __md_get("__tabs") || [];
      __md_set("__tabs", [...new Set([tab, ...tabs])]);
    }
  }

  /* -- Search: Material's own search worker, started when the reader first reaches for it -- */

  function search() {
    const el = component("search");
    const toggleInput = toggle("search");
    if (!el || !toggleInput || !config.search) return null;
    const query = component("search-query");
    const result = component("search-result");
    const meta = result.firstElementChild;
    const list = result.lastElementChild;
    let worker = null;
    let ready = false;

    const send = () => {
      if (ready) worker.postMessage({ type: 2, data: query.value });
    };
    function start() {
      if (worker) return;
      try {
        worker = new Worker(config.search);
      } catch (error) {
        meta.textContent = "Search is not available in this browser";
        return;
      }
      worker.addEventListener("error", () => {
        meta.textContent = "Search could not start: reload the page to try again";
      });
      worker.addEventListener("message", ({ data: message }) => {
        if (message.type === 1) {
          ready = true;
          send();
        } else if (message.type === 3) {
          render(message.data.items);
        }
      });
      fetch(new URL("search/search_index.json", base))
        .then(response => {
          if (!response.ok) throw new Error(`${response.status}`);
          return response.json();
        })
        .then(({ config: searchConfig, docs }) => worker.postMessage({
          type: 0,
          data: { config: searchConfig, docs, options: { suggest: false } },
        }))
        .catch(() => {
          meta.textContent = "Search could not load its index: reload the page to try again";
        });
    }

    function render(items) {
      meta.textContent = items.length === 0
        ? t(query.value ? "search.result.none" : "search.result.placeholder")
        : items.length === 1 ? t("search.result.one") : t("search.result.other", items.length);
      list.replaceChildren(...items.map(renderResult));
    }

    // Below 60em search covers the screen: the page under it is locked (Material's scroll lock),
    // or it scrolls along and its width leaks into the full-screen search (a phone could then
    // scroll the results sideways), and it comes back where the reader left it.
    const tablet = matchMedia("(min-width: 60em)");
    let lockTimer;
    const lock = open => {
      clearTimeout(lockTimer);
      lockTimer = setTimeout(() => {
        const body = document.body;
        if (open && !tablet.matches) {
          body.style.top = `-${scrollY}px`;
          body.setAttribute("data-md-scrolllock", "");
        } else if (body.hasAttribute("data-md-scrolllock")) {
          const y = -parseInt(body.style.top, 10);
          body.removeAttribute("data-md-scrolllock");
          body.style.top = "";
          if (y) scrollTo(0, y);
        }
      }, open ? 400 : 100);
    };
    const sync = () => {
      const open = toggleInput.checked;
      list.setAttribute("role", open ? "list" : "presentation");
      list.hidden = !open;
      if (open) start();
      lock(open);
    };
    toggleInput.addEventListener("change", sync);
    // Opened after the event: a click on the header's search label focuses the query from its
    // click listener, and the label then toggles the checkbox itself.
    query.addEventListener("focus", () => {
      start();
      setTimeout(() => setToggle("search", true));
    });
    query.addEventListener("input", send);
    query.form.addEventListener("submit", event => event.preventDefault());
    query.form.addEventListener("reset", () => setTimeout(() => {
      send();
      query.focus();
    }));
    // Focusing from the label's click brings up the keyboard on phones (it must come from
    // the reader's own gesture).
    const label = $("header [for=__search]");
    if (label) label.addEventListener("click", () => query.focus());
    for (const target of [label, query])
      if (target) target.addEventListener("pointerenter", start, { once: true });
    el.addEventListener("click", event => {
      if (event.target instanceof Element && event.target.closest("a")) setToggle("search", false);
    });

    // A shared search (?q=...): open with the query filled in.
    const asked = new URL(location.href).searchParams.get("q");
    if (asked !== null) {
      query.value = asked;
      setToggle("search", true);
      query.focus();
      toggleInput.addEventListener("change", () => {
        if (toggleInput.checked) return;
        const url = new URL(location.href);
        url.searchParams.delete("q");
        history.replaceState({}, "", `${url}`);
      }, { once: true });
    }
    sync();
    return { el, query, result, toggleInput };
  }

  /** One page's results: the page, its best sections, and the rest folded away. */
  function renderResult(docs) {
    const threshold = docs[0].score;
    const rest = [...docs];
    const parentAt = rest.findIndex(doc => !`${new URL(doc.location, base)}`.includes("#"));
    const [page] = rest.splice(Math.max(parentAt, 0), 1);
    let cut = rest.findIndex(doc => doc.score < threshold);
    if (cut === -1) cut = rest.length;
    const best = rest.slice(0, cut);
    const more = rest.slice(cut);
    const children = [
      renderDocument(page, true, parentAt === 0 && cut === 0),
      ...best.map(doc => renderDocument(doc, false, true)),
    ];
    if (more.length)
      children.push(h("details", { class: "md-search-result__more" },
        h("summary", { tabindex: "-1" }, h("div", {}, more.length === 1
          ? t("search.result.more.one") : t("search.result.more.other", more.length))),
        ...more.map(doc => renderDocument(doc, false, true))));
    return h("li", { class: "md-search-result__item" }, ...children);
  }

  /** A result (title and text come from the search worker as HTML with <mark>s). */
  function renderDocument(doc, parent, teaser) {
    const missing = Object.keys(doc.terms).filter(term => !doc.terms[term]);
    const article = h("article",
      { class: "md-search-result__article md-typeset", "data-md-score": doc.score.toFixed(2) },
      parent ? h("div", { class: "md-search-result__icon md-icon" }) : null,
      h(parent ? "h1" : "h2", {}, doc.title),
      teaser && doc.text ? doc.text : null,
      teaser && missing.length ? missingTerms(missing) : null);
    return h("a", { href: `${new URL(doc.location, base)}`, class: "md-search-result__link", tabindex: "-1" },
      article);
  }

  /** "Missing: term term" under a result (the terms are the reader's words: text, not HTML). */
  function missingTerms(missing) {
    const p = h("p", { class: "md-search-result__terms" }, `${t("search.result.term.missing")}: `);
    missing.forEach((term, i) => {
      const del = document.createElement("del");
      del.textContent = term;
      p.append(i ? " " : "", del);
    });
    return p;
  }

  /* -- Keyboard: f, s or / search; p and n turn the page; arrows walk the results -------- */

  function keyboard(searchParts) {
    const typing = (el, key) => {
      if (el instanceof HTMLInputElement) return el.type === "radio" ? /^Arrow/.test(key) : true;
      return el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement
        || (el instanceof HTMLElement && el.isContentEditable);
    };
    addEventListener("keydown", event => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
      const active = document.activeElement;
      const claim = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      // Search mode: search is open, or about to be (the query has focus; it opens just after).
      if (searchParts && (searchParts.toggleInput.checked || active === searchParts.query)) {
        const { query, result } = searchParts;
        switch (event.key) {
          case "Enter":
            if (active === query) {
              const links = $$(".md-search-result__item > a", result);
              const best = links.sort((a, b) =>
                parseFloat(b.firstElementChild.dataset.mdScore)
                - parseFloat(a.firstElementChild.dataset.mdScore))[0];
              if (best) best.click();
              claim();
            }
            break;
          case "Escape":
          case "Tab":
            setToggle("search", false);
            query.blur();
            break;
          case "ArrowUp":
          case "ArrowDown": {
            const stops = [query, ...$$(":not(details) > [href], summary, details[open] [href]", result)];
            const at = Math.max(0, stops.indexOf(active));
            stops[(at + stops.length + (event.key === "ArrowUp" ? -1 : 1)) % stops.length].focus();
            claim();
            break;
          }
          default:
            if (active !== query) query.focus();
        }
        return;
      }
      if (active && typing(active, event.key)) return;
      switch (event.key) {
        case "f":
        case "s":
        case "/":
          if (searchParts) {
            searchParts.query.focus();
            searchParts.query.select();
            claim();
          }
          break;
        case "p":
        case ",":
        case "n":
        case ".": {
          const link = $(`link[rel=${"p,".includes(event.key) ? "prev" : "next"}]`);
          if (link) location.href = link.href;
          break;
        }
        case "Enter":
          // A focused navigation section label opens like a click (it is a checkbox label).
          if (active instanceof HTMLLabelElement) active.click();
      }
    });
  }

  /* -- Scrolling: header shadow and title, back-to-top, where you are in the contents ----- */

  function scrolling() {
    const header = component("header");
    const main = component("main");
    const title = component("header-title");
    const heading = $(".md-content h1");
    const top = feature("navigation.top") ? component("top") : null;
    // The contents appear twice (the sidebar, and the phone's drawer): each list on its own.
    const tocs = $$("[data-md-component=toc]").map(toc => {
      const links = $$(".md-nav__link[href^='#']", toc);
      return {
        links,
        targets: links.map(link => document.getElementById(decodeURIComponent(link.hash.slice(1)))),
        box: toc.closest(".md-sidebar__scrollwrap"),
        active: null,
      };
    });
    const targets = [...new Set(tocs.flatMap(toc => toc.targets))].filter(Boolean);
    let lastY = scrollY;
    let queued = false;

    function update() {
      queued = false;
      const y = scrollY;
      // Reads first, all of them, then the writes: one layout per frame at most.
      const headerHeight = header ? header.offsetHeight : 0;
      const mainActive = main ? main.getBoundingClientRect().top <= headerHeight : false;
      const headingBox = heading ? heading.getBoundingClientRect() : null;
      const adjust = headerHeight + 16;
      const atBottom = y + innerHeight >= document.documentElement.scrollHeight - 1;
      const passed = new Set(targets.filter(target => atBottom || target.getBoundingClientRect().top < adjust));

      if (header) header.classList.toggle("md-header--shadow", mainActive);
      if (title && headingBox)
        title.classList.toggle("md-header__title--active",
          headingBox.height > 0 && headingBox.bottom <= headerHeight);
      if (top) {
        const hidden = !(mainActive && y < lastY && y > 0);
        if (top.hidden !== hidden) {
          top.hidden = hidden;
          if (hidden) top.blur();
        }
        const below = `${headerHeight + 16}px`;
        if (top.style.top !== below) top.style.top = below;
      }
      lastY = y;
      for (const toc of tocs) {
        let current = -1;
        toc.targets.forEach((target, i) => { if (passed.has(target)) current = i; });
        toc.links.forEach((link, i) => {
          link.classList.toggle("md-nav__link--passed", passed.has(toc.targets[i]));
          link.classList.toggle("md-nav__link--active", i === current);
        });
        // toc.follow: keep the current entry in the middle of a contents list that scrolls.
        const now = current >= 0 ? toc.links[current] : null;
        if (feature("toc.follow") && now && now !== toc.active && toc.box && now.offsetHeight)
          toc.box.scrollTo({
            top: now.offsetTop - toc.box.offsetTop - toc.box.clientHeight / 2,
            behavior: toc.active ? "smooth" : "auto",
          });
        toc.active = now;
      }
    }
    const queue = () => {
      if (!queued) {
        queued = true;
        requestAnimationFrame(update);
      }
    };
    if (top) top.addEventListener("click", event => {
      event.preventDefault();
      window.scrollTo({ top: 0 });
    });
    addEventListener("scroll", queue, { passive: true });
    addEventListener("resize", queue, { passive: true });
    // At the top of a page nothing has scrolled by yet: measure only on a reload that kept
    // the scroll position or a link to a section (measuring costs a layout on a slow phone).
    if (scrollY > 0 || location.hash) later(queue);
    // Material's header casts its shadow once the main area reaches it, which without
    // navigation tabs above the main area is from the top of the page.
    else if (header && !$(".md-tabs")) header.classList.add("md-header--shadow");
  }

  /* -- Drawer and search close when the reader follows a link within the page ------------- */

  addEventListener("hashchange", () => setTimeout(() => {
    setToggle("drawer", false);
    setToggle("search", false);
  }, 125));

  /* -- Focus rings: Material's CSS marks keyboard focus with a .focus-visible class ------- */

  document.addEventListener("focusin", event => {
    const el = event.target;
    if (el instanceof Element && el.matches(":focus-visible")) el.classList.add("focus-visible");
  });
  document.addEventListener("focusout", event => {
    if (event.target instanceof Element) event.target.classList.remove("focus-visible");
  });

  palette();
  codeBlocks();
  contentTabs();
  keyboard(search());
  scrolling();
})();
