/* Learner progress: ticks, progress bars, start dates, export/import and calendars.
 *
 * Everything lives in this browser's localStorage, keyed by track and by each item's stable id
 * from the curriculum YAML, so ticks survive reloads, instant navigation and curriculum edits
 * that add, remove or reorder items. No account, no server, no dependencies. Without JavaScript
 * the site reads the same; checklists just do not persist.
 */
(() => {
  "use strict";

  const ROOT = new URL("../..", document.currentScript.src);
  // A site in another language lives in a folder of the source language's site (`/es/`) and
  // keeps its progress under the source's key: one progress, every language.
  const KEY = `curriculum-progress:${new URL(document.currentScript.dataset.progressRoot || ".", ROOT).pathname}`;
  const SCHEMA = 1;
  const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  let manifest = null;

  /* ---- storage ------------------------------------------------------------------------- */

  const emptyState = () => ({ version: SCHEMA, lastTrack: null, tracks: {} });
  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const KEY_PATTERN = /^[a-z0-9]+(?:[-/][a-z0-9]+)*$/;
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  /** A track's stored progress, keeping only well-formed entries (stored or imported data
   * may be old, hand-edited or hostile). */
  function cleanTrack(entry) {
    const track = { done: {} };
    if (!isObject(entry)) return track;
    for (const [key, when] of Object.entries(isObject(entry.done) ? entry.done : {})) {
      if (KEY_PATTERN.test(key)) track.done[key] = typeof when === "string" ? when : "";
    }
    if (typeof entry.start === "string" && DATE.test(entry.start) && !Number.isNaN(Date.parse(entry.start))) {
      track.start = entry.start;
    }
    if (Number.isInteger(entry.last) && entry.last >= 1 && entry.last <= 9999) track.last = entry.last;
    return track;
  }

  /** Bring stored data of any known version to the current schema. */
  function migrate(data) {
    const state = emptyState();
    if (!isObject(data) || !isObject(data.tracks)) return state;
    // Version 1 is the first; later versions add their upgrade steps here, oldest first.
    for (const [id, entry] of Object.entries(data.tracks)) {
      if (ID.test(id)) state.tracks[id] = cleanTrack(entry);
    }
    if (typeof data.lastTrack === "string" && ID.test(data.lastTrack)) state.lastTrack = data.lastTrack;
    return state;
  }

  function loadState() {
    try {
      return migrate(JSON.parse(localStorage.getItem(KEY)));
    } catch (error) {
      return emptyState();
    }
  }

  let saveFailed = false;

  function saveState(state) {
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
      saveFailed = false;
    } catch (error) {
      saveFailed = true; // storage blocked or full: the panel says so
    }
  }

  function trackState(state, trackId) {
    if (!Object.hasOwn(state.tracks, trackId)) state.tracks[trackId] = { done: {} };
    return state.tracks[trackId];
  }

  /* ---- the manifest: every week's items, from the curriculum --------------------------- */

  /* The offline copy (opened from disk, where `fetch` is blocked) carries the manifest as a
   * script, `assets/curriculum.js`, which sets `window.CURRICULUM_MANIFEST`. */
  const offline = () => isObject(window.CURRICULUM_MANIFEST);

  async function loadManifest(fresh = false) {
    if (offline()) manifest = window.CURRICULUM_MANIFEST;
    else if (!manifest || fresh) {
      // Revalidated on every load, so a new deploy's weeks are seen at once.
      const response = await fetch(new URL("assets/curriculum.json", ROOT), { cache: "no-cache" });
      manifest = await response.json();
    }
    return manifest;
  }

  /** Whether every week and sprint this page names is in the manifest (else it is stale). */
  function manifestCovers() {
    return [...document.querySelectorAll("[data-track][data-week], [data-track][data-sprint]")].every((node) => {
      const track = findTrack(node.dataset.track);
      if (!track) return true; // another curriculum's element: not ours to show
      if (node.dataset.week) return Boolean(track.weeks[Number(node.dataset.week) - 1]);
      return Boolean(track.sprints.find((sprint) => sprint.id === node.dataset.sprint));
    });
  }

  const findTrack = (id) => manifest.tracks.find((track) => track.id === id);
  const weeksOf = (track, sprint) => track.weeks.filter((week) => week.sprint === sprint.id);

  function sprintItems(track, sprint) {
    const keys = [...sprint.deliverables, ...sprint.extras];
    for (const week of weeksOf(track, sprint)) keys.push(...week.items);
    return [...new Set(keys)];
  }

  const trackItems = (track) => [...new Set(track.sprints.flatMap((s) => sprintItems(track, s)))];

  function tally(state, trackId, keys) {
    const done = trackState(state, trackId).done;
    return { done: keys.filter((key) => key in done).length, total: keys.length };
  }

  /* ---- words: the site's language, from the manifest ----------------------------------- */

  /* The build puts the site's `language`, its `messages` (msgid -> text, or the forms of a plural
   * message) and its `plural` rule (plural category -> form) in the manifest; English has none.
   * Messages are gettext msgids with Python-style placeholders, shared with the generator, and
   * every call names its message literally so `pybabel extract` finds it. */

  /** The site's language as a BCP 47 tag: English without one (or with a malformed one). */
  function language() {
    const tag = manifest?.language;
    try {
      return typeof tag === "string" && tag ? Intl.getCanonicalLocales(tag)[0] : "en";
    } catch (error) {
      return "en";
    }
  }

  const isEnglish = () => language() === "en";

  function translation(message) {
    const messages = manifest?.messages;
    return isObject(messages) && Object.hasOwn(messages, message) ? messages[message] : undefined;
  }

  /** `message` in the site's language (itself without a translation). */
  function gettext(message) {
    const text = translation(message);
    return typeof text === "string" && text ? text : message;
  }

  /** The form of a message for `n`, by the language's plural rule. */
  function ngettext(singular, plural, n) {
    const forms = translation(singular);
    if (Array.isArray(forms)) {
      const rule = isObject(manifest.plural) ? manifest.plural : {};
      const category = new Intl.PluralRules(language()).select(n);
      const text = forms[rule[category] ?? (n === 1 ? 0 : 1)];
      if (typeof text === "string" && text) return text;
    }
    return n === 1 ? singular : plural;
  }

  /** A message's pieces, its placeholders (`%(name)s`, `%(name)d`; `%%` is `%`) replaced by
   * `values`: strings, numbers or elements (for `element`, so a sentence keeps its markup). */
  function fill(message, values) {
    return message
      .split(/(%\(\w+\)[sd]|%%)/)
      .map((part, index) => {
        if (index % 2 === 0) return part;
        if (part === "%%") return "%";
        const name = part.slice(2, -2);
        return Object.hasOwn(values, name) ? values[name] : part;
      })
      .filter((part) => part !== "")
      .map((part) => (typeof part === "number" ? String(part) : part));
  }

  const format = (message, values) => fill(message, values).join("");

  /** `A, B` (English keeps its plain comma list; other languages join as they do). */
  const list = (items) => (isEnglish() ? items.join(", ") : new Intl.ListFormat(language()).format(items));

  /* ---- dates --------------------------------------------------------------------------- */

  /** The number a week shows (a course may count from 0) and its calendar week from the
   *  track's first (breaks move later weeks); both default to the week's own number. */
  const labelOf = (week) => week.label ?? week.number;
  const offsetOf = (week) => week.offset ?? week.number - 1;

  /** Week 1 is the Monday-to-Sunday week holding the start date; `number` counts calendar weeks. */
  function weekDates(start, number) {
    const [year, month, day] = start.split("-").map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    const monday = date.getTime() - ((date.getUTCDay() + 6) % 7) * 864e5 + (number - 1) * 7 * 864e5;
    return [new Date(monday), new Date(monday + 6 * 864e5)];
  }

  /** `Mon 28 Dec` and `Mon 28 Dec 2026` in English; as the language writes them otherwise. */
  const DATE_PARTS = { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" };
  const localDate = (d, parts) => new Intl.DateTimeFormat(language(), parts).format(d);
  const englishShort = (d) => `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  const shortDate = (d) => (isEnglish() ? englishShort(d) : localDate(d, DATE_PARTS));
  const longDate = (d) =>
    isEnglish() ? `${englishShort(d)} ${d.getUTCFullYear()}` : localDate(d, { ...DATE_PARTS, year: "numeric" });
  const isoDate = (d) => d.toISOString().slice(0, 10);
  const compact = (d) => isoDate(d).replaceAll("-", "");

  function today() {
    const now = new Date();
    return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  }

  /** The number of the track week holding today, or null (before, after, or in a break). */
  function currentWeek(start, track) {
    const [monday] = weekDates(start, 1);
    const offset = Math.floor((today() - monday) / (7 * 864e5));
    const week = track.weeks.find((candidate) => offsetOf(candidate) === offset);
    return week ? week.number : null;
  }

  /* ---- small DOM helpers --------------------------------------------------------------- */

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "class") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  function bar(label, { done, total }) {
    const percent = total ? Math.round((100 * done) / total) : 0;
    return element(
      "div",
      { class: "cp-progress" },
      element("progress", { max: String(total || 1), value: String(done), "aria-label": label }),
      element(
        "span",
        { class: "cp-progress__text" },
        format(gettext("%(label)s: %(done)s of %(total)s done (%(percent)s%%)"), { label, done, total, percent }),
      ),
    );
  }

  function download(name, type, text) {
    const link = element("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  /* ---- checklists ---------------------------------------------------------------------- */

  /** The whole row toggles its box: the item's text moves into the box's <label> (links in
   * the text still work: a label ignores clicks on interactive content inside it). */
  function labelRow(box) {
    const label = box.closest("label");
    if (!label || label.dataset.row) return;
    label.dataset.row = "yes";
    const text = element("span", { class: "cp-item-text" });
    while (label.nextSibling && !/^(UL|OL)$/.test(label.nextSibling.nodeName)) text.append(label.nextSibling);
    label.append(text);
  }

  /** The week of this page, if it is a week page of `trackId`. */
  function pageWeek(trackId) {
    const node = [...document.querySelectorAll(".cp-week-status[data-week]")].find((n) => n.dataset.track === trackId);
    return node ? Number(node.dataset.week) : null;
  }

  function bindChecklists(state) {
    for (const item of document.querySelectorAll("li.task-list-item[data-item-id][data-track]")) {
      const box = item.querySelector("input[type=checkbox]");
      if (!box) continue;
      const { track, itemId } = item.dataset;
      box.disabled = false;
      box.checked = itemId in trackState(state, track).done;
      labelRow(box);
      item.classList.toggle("cp-done", box.checked);
      if (box.dataset.bound) continue;
      box.dataset.bound = "yes";
      box.addEventListener("change", () => {
        const current = loadState();
        const entry = trackState(current, track);
        if (box.checked) entry.done[itemId] = new Date().toISOString();
        else delete entry.done[itemId];
        // Only ticking makes a track current and a week the one to continue from.
        current.lastTrack = track;
        const week = pageWeek(track);
        if (week) entry.last = week;
        saveState(current);
        item.classList.toggle("cp-done", box.checked);
        render(current);
      });
    }
  }

  /* ---- what each page shows ------------------------------------------------------------ */

  function renderWeekStatus(state, node) {
    const track = findTrack(node.dataset.track);
    const week = track.weeks[Number(node.dataset.week) - 1];
    const start = trackState(state, track.id).start;
    const parts = [bar(gettext("This week"), tally(state, track.id, week.items))];
    if (start) {
      const [monday, sunday] = weekDates(start, offsetOf(week) + 1);
      const dates = { monday: longDate(monday), sunday: longDate(sunday) };
      const text =
        currentWeek(start, track) === week.number
          ? format(gettext("%(monday)s – %(sunday)s · this week"), dates)
          : format(gettext("%(monday)s – %(sunday)s"), dates);
      parts.push(element("p", { class: "cp-dates" }, text));
    }
    node.replaceChildren(...parts);
  }

  function groupTitle(group) {
    if (group === "later") return gettext("Later in this sprint");
    if (group === "extras") return gettext("Also in this sprint");
    return gettext("This group");
  }

  function renderGroupStatus(state, node) {
    const track = findTrack(node.dataset.track);
    const week = track.weeks[Number(node.dataset.week) - 1];
    const keys = (week.apart || {})[node.dataset.group] || [];
    node.replaceChildren(bar(groupTitle(node.dataset.group), tally(state, track.id, keys)));
  }

  /** "Milestone due this week" until the sprint's deliverables are ticked; then shipped. */
  function renderMilestone(state, node) {
    const track = findTrack(node.dataset.track);
    const sprint = track.sprints.find((s) => s.id === node.dataset.sprint);
    const { done, total } = tally(state, track.id, sprint.deliverables);
    const shipped = total > 0 && done === total;
    node.classList.toggle("success", shipped);
    node.querySelector(".admonition-title").textContent = shipped
      ? gettext("Milestone shipped this week")
      : gettext("Milestone due this week");
  }

  function weekState(state, track, week) {
    const { done, total } = tally(state, track.id, week.items);
    if (total && done === total) return ["done", gettext("done")];
    return done ? ["partial", gettext("partly done")] : ["todo", gettext("not started")];
  }

  function renderWeekLink(state, link) {
    const track = findTrack(link.dataset.track);
    const week = track.weeks[Number(link.dataset.week) - 1];
    const [status, words] = weekState(state, track, week);
    const start = trackState(state, track.id).start;
    link.classList.remove("cp-week--done", "cp-week--partial", "cp-week--todo", "cp-week--now");
    link.classList.add(`cp-week--${status}`);
    link.querySelector(".cp-week-note")?.remove();
    let note = format(gettext("(%(state)s)"), { state: words });
    if (start) {
      const [monday, sunday] = weekDates(start, offsetOf(week) + 1);
      const now = currentWeek(start, track) === week.number;
      link.classList.toggle("cp-week--now", now);
      const values = { state: words, monday: shortDate(monday), sunday: shortDate(sunday) };
      note = now
        ? format(gettext("(%(state)s, %(monday)s – %(sunday)s, this week)"), values)
        : format(gettext("(%(state)s, %(monday)s – %(sunday)s)"), values);
    }
    link.append(element("span", { class: "cp-week-note" }, ` ${note}`));
  }

  /** Each week in the sidebar shows its state, as on the track overview. */
  function renderNavigation(state) {
    const weeks = new Map();
    for (const track of manifest.tracks) {
      for (const week of track.weeks) weeks.set(new URL(week.url, ROOT).pathname, [track, week]);
    }
    for (const link of document.querySelectorAll(".md-sidebar--primary a.md-nav__link[href]")) {
      const target = new URL(link.getAttribute("href"), location.href);
      // A link to a heading of the page (the phone drawer's table of contents) is not the week.
      const found = !target.hash && weeks.get(target.pathname);
      if (!found) continue;
      const [status, words] = weekState(state, ...found);
      let mark = link.querySelector(".cp-nav-state");
      if (!mark) {
        mark = element("span", { class: "cp-nav-state" });
        link.append(mark);
      }
      mark.className = `cp-nav-state cp-week--${status}`;
      mark.replaceChildren(element("span", { class: "cp-sr-only" }, format(gettext("(%(state)s)"), { state: words })));
    }
  }

  function renderSprintStatus(state, node) {
    const track = findTrack(node.dataset.track);
    const sprint = track.sprints.find((s) => s.id === node.dataset.sprint);
    node.replaceChildren(bar(sprint.title, tally(state, track.id, sprintItems(track, sprint))));
  }

  function renderMilestoneStatus(state, node) {
    const track = findTrack(node.dataset.track);
    const sprint = track.sprints.find((s) => s.id === node.dataset.sprint);
    const { done, total } = tally(state, track.id, sprint.deliverables);
    const reached = total > 0 && done === total;
    node.classList.toggle("cp-reached", reached);
    node.textContent = reached
      ? gettext("✓ reached")
      : format(ngettext("%(done)s of %(num)s deliverable done", "%(done)s of %(num)s deliverables done", total), {
          done,
          num: total,
        });
  }

  function renderTrackPanel(state, node) {
    const track = findTrack(node.dataset.track);
    const progress = bar(gettext("Track"), tally(state, track.id, trackItems(track)));
    if (node.dataset.built) {
      node.querySelector(".cp-progress").replaceWith(progress);
      node.querySelector("input[type=date]").value = trackState(state, track.id).start || "";
      if (saveFailed) {
        node.querySelector(".cp-status").textContent = gettext(
          "This browser does not let the site store anything: ticks will not be kept.",
        );
      }
      return;
    }
    node.dataset.built = "yes";
    const status = element("p", { class: "cp-status", role: "status" });
    const start = element("input", {
      type: "date",
      id: `cp-start-${track.id}`,
      value: trackState(state, track.id).start || "",
      onchange: (event) => setStart(track, event.target.value, status),
    });
    const file = element("input", {
      type: "file",
      accept: "application/json,.json",
      hidden: "",
      onchange: (event) => importFile(event.target, status),
    });
    node.replaceChildren(
      element("h2", { id: `your-progress-${track.id}` }, gettext("Your progress")),
      progress,
      element(
        "p",
        { class: "cp-start" },
        element("label", { for: start.id }, gettext("Start date"), " "),
        start,
        element(
          "span",
          { class: "cp-hint" },
          " ",
          format(gettext("Week %(number)s is the Monday–Sunday week holding this date."), { number: labelOf(track.weeks[0]) }),
        ),
      ),
      element(
        "p",
        { class: "cp-actions" },
        element("button", { type: "button", class: "md-button", onclick: () => downloadCalendar(track, status) }, gettext("Calendar (.ics)")),
        element("button", { type: "button", class: "md-button", onclick: () => exportProgress() }, gettext("Export progress")),
        element("button", { type: "button", class: "md-button", onclick: () => file.click() }, gettext("Import progress")),
        element("button", { type: "button", class: "md-button", onclick: () => resetTrack(track, status) }, gettext("Reset this track")),
        file,
      ),
      status,
    );
  }

  const hasProgress = (state, track) => {
    const entry = state.tracks[track.id];
    return Boolean(entry && (Object.keys(entry.done).length || entry.start));
  };

  const button = (url, text, primary = false) =>
    element("a", { href: new URL(url, ROOT).href, class: primary ? "md-button md-button--primary" : "md-button" }, text);

  /** One track's way back in: the week last worked on, the first unfinished one, this week. */
  function continuePanel(state, track) {
    const entry = trackState(state, track.id);
    const links = [];
    const last = entry.last && track.weeks[entry.last - 1];
    if (last) {
      const text = format(gettext("Continue where you left off: week %(number)s"), { number: labelOf(last) });
      links.push(button(last.url, text, true));
    }
    const open = track.weeks.find((week) => weekState(state, track, week)[0] !== "done");
    if (open && open !== last) {
      const text = format(gettext("First unfinished week: week %(number)s"), { number: labelOf(open) });
      links.push(button(open.url, text, !last));
    }
    const now = entry.start && currentWeek(entry.start, track);
    if (now) {
      const text = format(gettext("This week: week %(number)s"), { number: labelOf(track.weeks[now - 1]) });
      links.push(button(track.weeks[now - 1].url, text));
    }
    const done = tally(state, track.id, trackItems(track)).done;
    const summary = ngettext("%(track)s: %(num)s item done.", "%(track)s: %(num)s items done.", done);
    return element(
      "section",
      { class: "cp-continue__track", "aria-label": track.name },
      element("p", {}, ...fill(summary, { track: element("strong", {}, track.name), num: done })),
      element("p", { class: "cp-continue__links" }, ...links),
    );
  }

  /** The home page shows every track with progress, the one last ticked in first. */
  function renderContinue(state, node) {
    const tracks = manifest.tracks.filter((track) => hasProgress(state, track));
    tracks.sort((a, b) => (b.id === state.lastTrack) - (a.id === state.lastTrack));
    node.replaceChildren(...tracks.map((track) => continuePanel(state, track)));
    node.hidden = tracks.length === 0;
  }

  /** Fill every progress element of the current page. */
  function render(state) {
    if (!manifest) return;
    const show = (selector, fill) => {
      for (const node of document.querySelectorAll(selector)) {
        if (!findTrack(node.dataset.track)) continue;
        try {
          fill(state, node);
          node.hidden = false;
        } catch (error) {
          console.warn("Progress could not be shown here:", error);
        }
      }
    };
    show(".cp-week-status", renderWeekStatus);
    show(".cp-group-status", renderGroupStatus);
    show(".cp-milestone", renderMilestone);
    show(".cp-week-link", renderWeekLink);
    show(".cp-sprint-status", renderSprintStatus);
    show(".cp-milestone-status", renderMilestoneStatus);
    show(".cp-track-panel", renderTrackPanel);
    for (const node of document.querySelectorAll(".cp-continue")) renderContinue(state, node);
    renderNavigation(state);
  }

  /* ---- actions ------------------------------------------------------------------------- */

  function setStart(track, value, status) {
    const state = loadState();
    const entry = trackState(state, track.id);
    if (value) entry.start = value;
    else delete entry.start;
    saveState(state);
    status.textContent = value
      ? format(gettext("Start date set: week %(number)s begins %(date)s."), {
          number: labelOf(track.weeks[0]),
          date: longDate(weekDates(value, 1)[0]),
        })
      : gettext("Start date cleared.");
    render(state);
  }

  function orphans(state) {
    const result = {};
    for (const [trackId, entry] of Object.entries(state.tracks)) {
      const track = findTrack(trackId);
      const known = new Set(track ? trackItems(track) : []);
      const lost = Object.keys(entry.done || {}).filter((key) => !known.has(key));
      if (lost.length) result[trackId] = lost;
    }
    return result;
  }

  function exportProgress() {
    const state = loadState();
    const data = {
      format: "curriculum-progress",
      version: SCHEMA,
      site: ROOT.href,
      exported: new Date().toISOString(),
      lastTrack: state.lastTrack,
      tracks: state.tracks,
      // Ticks on items the curriculum no longer has: kept, and listed here.
      orphaned: orphans(state),
    };
    const name = format(gettext("progress-%(date)s.json"), { date: isoDate(today()) });
    download(name, "application/json", JSON.stringify(data, null, 2));
  }

  /** Merge imported progress into this browser's: ticks are added, nothing is lost. */
  function mergeProgress(state, data) {
    const incoming = migrate(data);
    let added = 0;
    let known = 0;
    const dates = [];
    for (const [trackId, entry] of Object.entries(incoming.tracks)) {
      const target = trackState(state, trackId); // ids were checked by migrate
      for (const [key, when] of Object.entries(entry.done || {})) {
        if (key in target.done) known += 1;
        else {
          target.done[key] = when;
          added += 1;
        }
      }
      if (entry.last && !target.last) target.last = entry.last;
      if (entry.start && !target.start) {
        target.start = entry.start;
        dates.push(findTrack(trackId)?.name || trackId);
      }
    }
    state.lastTrack ||= incoming.lastTrack;
    const values = { num: added, known, tracks: list(dates) };
    if (!dates.length) {
      return format(
        ngettext("Imported: %(num)s tick added, %(known)s already here.", "Imported: %(num)s ticks added, %(known)s already here.", added),
        values,
      );
    }
    return format(
      ngettext(
        "Imported: %(num)s tick added, %(known)s already here; start date set for %(tracks)s.",
        "Imported: %(num)s ticks added, %(known)s already here; start date set for %(tracks)s.",
        added,
      ),
      values,
    );
  }

  function importFile(input, status) {
    const [file] = input.files;
    if (!file) return;
    file.text().then((text) => {
      let data;
      try {
        data = JSON.parse(text);
      } catch (error) {
        status.textContent = format(gettext("Not imported: %(file)s is not a progress file (invalid JSON)."), { file: file.name });
        return;
      }
      if (data?.format !== "curriculum-progress" || typeof data.tracks !== "object") {
        status.textContent = format(gettext("Not imported: %(file)s is not a progress file."), { file: file.name });
        return;
      }
      const state = loadState();
      status.textContent = mergeProgress(state, data);
      saveState(state);
      bindChecklists(state);
      render(state);
      input.value = "";
    });
  }

  function resetTrack(track, status) {
    const question = gettext("Clear every tick of %(track)s? This cannot be undone (export first to keep a copy).");
    if (!window.confirm(format(question, { track: track.name }))) return;
    const state = loadState();
    trackState(state, track.id).done = {};
    saveState(state);
    status.textContent = format(gettext("All ticks of %(track)s cleared."), { track: track.name });
    bindChecklists(state);
    render(state);
  }

  /* ---- calendar (RFC 5545) ------------------------------------------------------------- */

  const escapeText = (text) => text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

  /** Fold a content line at 75 octets, never inside a UTF-8 character. */
  function fold(line) {
    const encoder = new TextEncoder();
    const parts = [];
    let current = "";
    let size = 0;
    for (const char of line) {
      const width = encoder.encode(char).length;
      if (size + width > (parts.length ? 74 : 75)) {
        parts.push(current);
        current = "";
        size = 0;
      }
      current += char;
      size += width;
    }
    parts.push(current);
    return parts.join("\r\n ");
  }

  function calendar(track, start) {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//curriculum-publisher//weekly plan//EN", `X-WR-CALNAME:${escapeText(`${track.label} — ${track.name}`)}`];
    const entries = [
      ...track.weeks.map((week) => [week.event, offsetOf(week), 1]),
      ...(track.breaks || []).map((pause) => [pause.event, pause.offset, pause.weeks]),
    ].sort((a, b) => a[1] - b[1]);
    for (const [event, offset, weeks] of entries) {
      const [monday] = weekDates(start, offset + 1);
      const end = new Date(monday.getTime() + weeks * 7 * 864e5);
      lines.push(
        "BEGIN:VEVENT",
        `UID:${event.uid}@${location.hostname ? location.hostname + ROOT.pathname : "curriculum-publisher"}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${compact(monday)}`,
        `DTEND;VALUE=DATE:${compact(end)}`,
        `SUMMARY:${escapeText(event.summary)}`,
        `DESCRIPTION:${escapeText(event.description)}`,
      );
      if (event.categories.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(",")}`);
      if (event.path) lines.push(`URL:${new URL(event.path, ROOT).href}`);
      lines.push("END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function downloadCalendar(track, status) {
    const start = trackState(loadState(), track.id).start;
    if (!start) {
      status.textContent = gettext("Set a start date first: the calendar places every week on its dates.");
      return;
    }
    download(`${track.id}-${start}.ics`, "text/calendar", calendar(track, start));
    const weeks = track.weeks.length;
    status.textContent = format(ngettext("Calendar of %(num)s week downloaded.", "Calendar of %(num)s weeks downloaded.", weeks), {
      num: weeks,
    });
  }

  /* ---- start --------------------------------------------------------------------------- */

  /** Opened from disk (file://), the browser blocks search and the progress details: say how
   * to view the site instead of failing silently. */
  function warnIfFromDisk() {
    if (location.protocol !== "file:" || offline() || document.querySelector(".cp-from-disk")) return;
    const where = document.querySelector(".md-content__inner");
    if (!where) return;
    where.prepend(
      element(
        "div",
        { class: "admonition warning cp-from-disk", role: "note" },
        element("p", { class: "admonition-title" }, gettext("Opened from disk: search and progress are off")),
        element(
          "p",
          {},
          ...fill(
            gettext(
              "Browsers block search and progress tracking on pages opened as files. " +
                "Serve the site instead: run %(make)s in the project, or %(server)s, and open %(address)s.",
            ),
            {
              make: element("code", {}, "make serve"),
              server: element("code", {}, "python3 -m http.server -d site"),
              address: element("code", {}, "http://localhost:8000/"),
            },
          ),
        ),
      ),
    );
  }

  async function initPage() {
    warnIfFromDisk();
    for (const button of document.querySelectorAll(".cp-print[hidden]")) button.hidden = false;
    const state = loadState();
    bindChecklists(state);
    try {
      await loadManifest();
      if (!manifestCovers()) await loadManifest(true);
    } catch (error) {
      console.warn("Progress details are unavailable:", error);
      return;
    }
    render(loadState());
  }

  // Material's instant navigation swaps pages without reloading scripts: `document$` emits on
  // every page, the first one included. Without it (instant navigation off), run once.
  let started = false;
  const start = () => {
    started = true;
    initPage();
  };
  if (typeof document$ !== "undefined") document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
  // Opened from disk, the theme's page observable may never emit: start once anyway.
  if (location.protocol === "file:") window.addEventListener("load", () => started || start());
})();
