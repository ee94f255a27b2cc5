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
  const PROGRESS_ROOT = new URL(document.currentScript.dataset.progressRoot || ".", ROOT).pathname;
  // The published site's address, which the offline copy's link to another device leads to.
  const PUBLISHED = document.currentScript.dataset.published || "";
  // The offline copy keys by its folder's name, not its place on disk: moved or unzipped again
  // in another place, it keeps its ticks.
  const KEY =
    location.protocol === "file:" && window.CURRICULUM_MANIFEST
      ? `curriculum-progress:file:${PROGRESS_ROOT.split("/").filter(Boolean).pop() || ""}/`
      : `curriculum-progress:${PROGRESS_ROOT}`;
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
    const pauses = cleanPauses(entry.pauses);
    if (pauses.length) track.pauses = pauses;
    return track;
  }

  const MAX_PAUSE = 104;
  const isWeeks = (n, most) => Number.isInteger(n) && n >= 1 && n <= most;

  /** A learner's pauses, `{from, weeks}` (weeks off before track week `from`), one per week,
   * in order; pauses before the same week add up. */
  function cleanPauses(pauses) {
    const weeks = new Map();
    for (const pause of Array.isArray(pauses) ? pauses.slice(0, 200) : []) {
      if (!isObject(pause) || !isWeeks(pause.from, 9999) || !isWeeks(pause.weeks, MAX_PAUSE)) continue;
      weeks.set(pause.from, Math.min(MAX_PAUSE, (weeks.get(pause.from) || 0) + pause.weeks));
    }
    return [...weeks].sort((a, b) => a[0] - b[0]).map(([from, count]) => ({ from, weeks: count }));
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

  /** Weeks the learner's own pauses put before track week `number` (and every week after). */
  const pausedBefore = (entry, number) =>
    (entry.pauses || []).reduce((sum, pause) => sum + (pause.from <= number ? pause.weeks : 0), 0);

  /** A week's calendar week from the track's first, moved by the curriculum's breaks and the
   *  learner's pauses. */
  const placeOf = (entry, week) => offsetOf(week) + pausedBefore(entry, week.number);

  /** The Monday and Sunday of a week for this learner (who has a start date). */
  const datesOf = (entry, week) => weekDates(entry.start, placeOf(entry, week) + 1);

  /** Calendar weeks from the learner's week 1 to today (negative before it). */
  const weeksSinceStart = (start) => Math.floor((today() - weekDates(start, 1)[0]) / (7 * 864e5));

  /** The number of the track week holding today, or null (before, after, in a break or a
   *  pause). */
  function currentWeek(entry, track) {
    if (!entry.start) return null;
    const offset = weeksSinceStart(entry.start);
    const week = track.weeks.find((candidate) => placeOf(entry, candidate) === offset);
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
    const entry = trackState(state, track.id);
    const parts = [bar(gettext("This week"), tally(state, track.id, week.items))];
    if (entry.start) {
      const [monday, sunday] = datesOf(entry, week);
      const dates = { monday: longDate(monday), sunday: longDate(sunday) };
      const text =
        currentWeek(entry, track) === week.number
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
    const entry = trackState(state, track.id);
    link.classList.remove("cp-week--done", "cp-week--partial", "cp-week--todo", "cp-week--now");
    link.classList.add(`cp-week--${status}`);
    link.querySelector(".cp-week-note")?.remove();
    let note = format(gettext("(%(state)s)"), { state: words });
    if (entry.start) {
      const [monday, sunday] = datesOf(entry, week);
      const now = currentWeek(entry, track) === week.number;
      link.classList.toggle("cp-week--now", now);
      const values = { state: words, monday: shortDate(monday), sunday: shortDate(sunday) };
      note = now
        ? format(gettext("(%(state)s, %(monday)s – %(sunday)s, this week)"), values)
        : format(gettext("(%(state)s, %(monday)s – %(sunday)s)"), values);
    }
    const off = (entry.pauses || []).find((pause) => pause.from === week.number);
    if (off) {
      // Outside a template literal, where `pybabel extract` would not see the message.
      const after = format(ngettext("after %(num)s week off", "after %(num)s weeks off", off.weeks), { num: off.weeks });
      note += " · " + after;
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
      renderPauses(state, track, node.querySelector(".cp-pause-list"), node.querySelector(".cp-status"));
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
    const reminder = element("input", { type: "checkbox", id: `cp-remind-${track.id}` });
    const transfer = element("div", { class: "cp-transfer-out", hidden: "" });
    const pauseList = element("ul", { class: "cp-pause-list" });
    const action = (text, onclick) => element("button", { type: "button", class: "md-button", onclick }, text);
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
      pauseForms(state, track, status),
      pauseList,
      element(
        "p",
        { class: "cp-remind" },
        reminder,
        " ",
        element("label", { for: reminder.id }, gettext("In the calendar, a reminder at 9:00 on the first day of each week")),
      ),
      element(
        "p",
        { class: "cp-actions" },
        action(gettext("Calendar (.ics)"), () => downloadCalendar(track, status, reminder.checked)),
        action(gettext("Export progress"), () => exportProgress()),
        action(gettext("Import progress"), () => file.click()),
        action(gettext("Open on another device"), () => showTransferLink(track, transfer, status)),
        action(gettext("Reset this track"), () => resetTrack(track, status)),
        file,
      ),
      transfer,
      status,
    );
    renderPauses(state, track, pauseList, status);
  }

  /* ---- pauses: a learner's weeks off move every later week ----------------------------- */

  /** The week to offer first: this week, else the first unfinished one. */
  function suggestedWeek(state, track) {
    const entry = trackState(state, track.id);
    const now = currentWeek(entry, track);
    if (now) return now;
    return (track.weeks.find((week) => weekState(state, track, week)[0] !== "done") || track.weeks[0]).number;
  }

  function numberInput(id, value, most) {
    return element("input", { type: "number", id, min: "1", max: String(most), step: "1", value: String(value), inputmode: "numeric" });
  }

  /** "Pause before week [N] for [W] weeks" and "I'm [W] weeks behind". */
  function pauseForms(state, track, status) {
    const week = element(
      "select",
      { id: `cp-pause-week-${track.id}` },
      ...track.weeks.map((w) => element("option", { value: String(w.number) }, format(gettext("week %(number)s"), { number: labelOf(w) }))),
    );
    week.value = String(suggestedWeek(state, track));
    const weeks = numberInput(`cp-pause-weeks-${track.id}`, 1, MAX_PAUSE);
    const behind = numberInput(`cp-behind-${track.id}`, 1, MAX_PAUSE);
    return element(
      "div",
      { class: "cp-pauses" },
      element("h3", {}, gettext("Pause or catch up")),
      element(
        "p",
        { class: "cp-form" },
        element("label", { for: week.id }, gettext("Pause before")),
        " ",
        week,
        " ",
        element("label", { for: weeks.id }, gettext("for (weeks)")),
        " ",
        weeks,
        " ",
        element(
          "button",
          { type: "button", class: "md-button", onclick: () => addPause(track, Number(week.value), Number(weeks.value), status) },
          gettext("Pause"),
        ),
      ),
      element(
        "p",
        { class: "cp-form" },
        element("label", { for: behind.id }, gettext("I am behind by (weeks)")),
        " ",
        behind,
        " ",
        element("button", { type: "button", class: "md-button", onclick: () => catchUp(track, Number(behind.value), status) }, gettext("Move my weeks")),
      ),
      element(
        "p",
        { class: "cp-hint" },
        gettext("A pause moves that week and every later one: their dates, this week, the calendar and the printed planner."),
      ),
    );
  }

  /** The learner's pauses of a track, each with its dates and a way to undo it. */
  function renderPauses(state, track, list, status) {
    const entry = trackState(state, track.id);
    const items = (entry.pauses || [])
      .filter((pause) => track.weeks[pause.from - 1])
      .map((pause) => {
        const values = { num: pause.weeks, week: labelOf(track.weeks[pause.from - 1]) };
        let text = format(ngettext("%(num)s week off before week %(week)s", "%(num)s weeks off before week %(week)s", pause.weeks), values);
        if (entry.start) {
          const [first] = weekDates(entry.start, pauseOffset(entry, track, pause) + 1);
          const last = new Date(first.getTime() + (pause.weeks * 7 - 1) * 864e5);
          text += ` (${longDate(first)} – ${longDate(last)})`;
        }
        const undo = element(
          "button",
          {
            type: "button",
            class: "md-button cp-undo",
            "aria-label": format(gettext("Undo the pause before week %(week)s"), values),
            onclick: () => removePause(track, pause.from, status),
          },
          gettext("Undo"),
        );
        return element("li", {}, text, " ", undo);
      });
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
  }

  function weekBegins(entry, track, number) {
    const week = track.weeks[number - 1];
    return entry.start ? format(gettext("Week %(week)s now begins %(date)s."), { week: labelOf(week), date: longDate(datesOf(entry, week)[0]) }) : "";
  }

  function addPause(track, from, weeks, status) {
    if (!track.weeks[from - 1] || !isWeeks(weeks, MAX_PAUSE)) {
      status.textContent = format(gettext("A pause lasts 1 to %(most)s weeks."), { most: MAX_PAUSE });
      return;
    }
    const state = loadState();
    const entry = trackState(state, track.id);
    entry.pauses = cleanPauses([...(entry.pauses || []), { from, weeks }]);
    saveState(state);
    const values = { num: weeks, week: labelOf(track.weeks[from - 1]) };
    status.textContent = [
      format(ngettext("Paused %(num)s week before week %(week)s.", "Paused %(num)s weeks before week %(week)s.", weeks), values),
      weekBegins(entry, track, from),
    ].join(" ").trim();
    render(state);
  }

  /** "I am N weeks behind": the week N track weeks before the one the calendar puts at today
   * becomes this week. The weeks off it takes go before that week, with any pause of the
   * learner's since then (those weeks are past: the learner was on that week meanwhile). */
  function catchUp(track, behind, status) {
    const state = loadState();
    const entry = trackState(state, track.id);
    if (!entry.start) {
      status.textContent = gettext("Set a start date first: being behind is counted from it.");
      return;
    }
    if (!isWeeks(behind, MAX_PAUSE)) {
      status.textContent = format(gettext("A pause lasts 1 to %(most)s weeks."), { most: MAX_PAUSE });
      return;
    }
    const now = weeksSinceStart(entry.start);
    // This week's week of the track; in a pause or a break, the next one; after the end, one more.
    let reached = track.weeks.findIndex((week) => placeOf(entry, week) >= now);
    if (reached < 0) reached = track.weeks.length;
    const week = track.weeks[reached - behind];
    if (now < 0 || !week) {
      status.textContent = gettext("No week is that far behind this week: nothing to move.");
      return;
    }
    const between = (pause) => pause.from > week.number && pause.from <= (track.weeks[reached]?.number ?? Infinity);
    const kept = (entry.pauses || []).filter((pause) => !between(pause));
    const shift = now - offsetOf(week) - pausedBefore({ pauses: kept }, week.number);
    if (shift < 1) {
      status.textContent = gettext("No week is that far behind this week: nothing to move.");
      return;
    }
    const before = (entry.pauses || []).find((pause) => pause.from === week.number)?.weeks || 0;
    entry.pauses = cleanPauses([...kept.filter((pause) => pause.from !== week.number), { from: week.number, weeks: before + shift }]);
    saveState(state);
    status.textContent = format(
      ngettext(
        "Week %(week)s is now this week: it and every later week moved %(num)s week later.",
        "Week %(week)s is now this week: it and every later week moved %(num)s weeks later.",
        shift,
      ),
      { week: labelOf(week), num: shift },
    );
    render(state);
  }

  function removePause(track, from, status) {
    const state = loadState();
    const entry = trackState(state, track.id);
    entry.pauses = (entry.pauses || []).filter((pause) => pause.from !== from);
    if (!entry.pauses.length) delete entry.pauses;
    saveState(state);
    status.textContent = [
      format(gettext("Pause before week %(week)s undone."), { week: labelOf(track.weeks[from - 1]) }),
      weekBegins(entry, track, from),
    ].join(" ").trim();
    render(state);
    // The button pressed is gone: the keyboard goes on from the next undo, or the pause form.
    const panel = status.closest(".cp-track-panel");
    (panel?.querySelector(".cp-undo") || panel?.querySelector("select"))?.focus();
  }

  /* ---- the printed planner: this learner's dates and ticks ---------------------------- */

  /** A week page's planner, printed, shows the learner's dates and their ticked boxes (the
   * PDFs stay undated and blank). */
  function renderPlanner(state, node) {
    const track = findTrack(node.dataset.track);
    const week = track?.weeks[Number(node.dataset.week) - 1];
    if (!week) return;
    const entry = trackState(state, track.id);
    const prefix = `week-${String(week.number).padStart(2, "0")}/`;
    for (const item of node.querySelectorAll("li[data-key]")) item.classList.toggle("cp-ticked", item.dataset.key in entry.done);
    for (const item of node.querySelectorAll("li[data-week-key]")) {
      item.classList.toggle("cp-ticked", prefix + item.dataset.weekKey in entry.done);
    }
    for (const mine of node.querySelectorAll(".cp-planner__mine")) mine.remove();
    for (const dates of node.querySelectorAll(".cp-planner__dates, .cp-planner__date")) dates.hidden = Boolean(entry.start);
    if (!entry.start) return;
    const [monday, sunday] = datesOf(entry, week);
    const text = `${longDate(monday)} – ${longDate(sunday)}`;
    node.querySelector(".cp-planner__meta")?.append(element("p", { class: "cp-planner__dates cp-planner__mine" }, text));
    for (const row of node.querySelectorAll("tr[data-day]")) {
      const day = new Date(monday.getTime() + Number(row.dataset.day) * 864e5);
      row.querySelector("th")?.append(element("span", { class: "cp-planner__date cp-planner__mine" }, shortDate(day)));
    }
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
    const now = currentWeek(entry, track);
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
    for (const node of document.querySelectorAll("section.cp-planner[data-track]")) renderPlanner(state, node);
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
          date: longDate(datesOf(entry, track.weeks[0])[0]),
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
    let paused = 0;
    const dates = [];
    const kept = [];
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
      // A pause before a week this browser has none before is added; its own stay as they are.
      const before = new Set((target.pauses || []).map((pause) => pause.from));
      const fresh = (entry.pauses || []).filter((pause) => !before.has(pause.from));
      if (fresh.length) {
        target.pauses = cleanPauses([...(target.pauses || []), ...fresh]);
        paused += fresh.length;
      }
      const name = findTrack(trackId)?.name || trackId;
      if (entry.start && !target.start) {
        target.start = entry.start;
        dates.push(name);
      } else if (entry.start && entry.start !== target.start) kept.push(name);
    }
    state.lastTrack ||= incoming.lastTrack;
    const parts = [importSummary(added, known, dates)];
    if (paused) parts.push(format(ngettext("%(num)s pause added.", "%(num)s pauses added.", paused), { num: paused }));
    // Nothing here is replaced: say so where the other device had another start date.
    if (kept.length) parts.push(format(gettext("This browser's start date kept for %(tracks)s."), { tracks: list(kept) }));
    return parts.join(" ");
  }

  function importSummary(added, known, dates) {
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

  /* ---- another device: progress in a link's fragment --------------------------------- */

  /* The part of a URL after # never reaches the server. `#progress=` then base64url of:
   * version (1 byte), the manifest's fingerprint (4), the last track ticked (varint: its index
   * + 1, 0 for none), then per track of the manifest, in order: flags (1 start date, 2 last
   * week, 4 pauses, 8 ticks), the start date (varint: days since 1900-01-01), the last week
   * (varint), the pauses (varint count, then from and weeks as varints), the ticks (a bitset
   * over the track's items in manifest order); and a checksum of all that (4, FNV-1a). Ticks on
   * items the curriculum no longer has do not travel (export a file for those). */
  const TRANSFER = "#progress=";
  const TRANSFER_VERSION = 1;
  const DAY_ZERO = Date.UTC(1900, 0, 1);

  class Refused extends Error {}

  function fnv1a(bytes) {
    let hash = 0x811c9dc5;
    for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    return hash;
  }

  const uint32 = (n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

  /** Which items each position of a bitset means: another build's link is refused, not misread. */
  const fingerprint = () =>
    fnv1a(new TextEncoder().encode(manifest.tracks.map((track) => `${track.id}:${trackItems(track).join(",")}`).join(";")));

  function encodeProgress(state) {
    const bytes = [TRANSFER_VERSION, ...uint32(fingerprint())];
    const varint = (n) => {
      for (; n >= 128; n = Math.floor(n / 128)) bytes.push((n % 128) + 128);
      bytes.push(n);
    };
    varint(manifest.tracks.findIndex((track) => track.id === state.lastTrack) + 1);
    for (const track of manifest.tracks) {
      const entry = state.tracks[track.id] || { done: {} };
      const keys = trackItems(track);
      const days = entry.start ? Math.round((Date.parse(entry.start) - DAY_ZERO) / 864e5) : -1;
      const pauses = entry.pauses || [];
      const ticked = keys.some((key) => key in entry.done);
      bytes.push((days >= 0 ? 1 : 0) | (entry.last ? 2 : 0) | (pauses.length ? 4 : 0) | (ticked ? 8 : 0));
      if (days >= 0) varint(days);
      if (entry.last) varint(entry.last);
      if (pauses.length) {
        varint(pauses.length);
        for (const pause of pauses) {
          varint(pause.from);
          varint(pause.weeks);
        }
      }
      if (ticked) {
        const bits = new Array(Math.ceil(keys.length / 8)).fill(0);
        keys.forEach((key, index) => {
          if (key in entry.done) bits[index >> 3] |= 1 << (index & 7);
        });
        bytes.push(...bits);
      }
    }
    bytes.push(...uint32(fnv1a(bytes)));
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /** The progress a link carries, as an export file holds it; `Refused` ("damaged",
   * "version" or "curriculum") when it cannot be read exactly. */
  function decodeProgress(text) {
    if (!/^[A-Za-z0-9_-]{1,8000}$/.test(text)) throw new Refused("damaged");
    let binary;
    try {
      binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    } catch (error) {
      throw new Refused("damaged");
    }
    const all = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const bytes = all.subarray(0, all.length - 4);
    const sum = all.subarray(all.length - 4);
    if (all.length < 10 || fnv1a(bytes) !== ((sum[0] << 24) | (sum[1] << 16) | (sum[2] << 8) | sum[3]) >>> 0) {
      throw new Refused("damaged");
    }
    if (bytes[0] !== TRANSFER_VERSION) throw new Refused("version");
    if (uint32(fingerprint()).some((value, index) => bytes[1 + index] !== value)) throw new Refused("curriculum");
    let at = 5;
    const byte = () => {
      if (at >= bytes.length) throw new Refused("damaged");
      return bytes[at++];
    };
    const varint = () => {
      let n = 0;
      for (let scale = 1; scale < 2 ** 35; scale *= 128) {
        const b = byte();
        n += (b & 127) * scale;
        if (b < 128) return n;
      }
      throw new Refused("damaged");
    };
    const last = varint();
    const tracks = {};
    for (const track of manifest.tracks) {
      const flags = byte();
      if (flags > 15) throw new Refused("damaged");
      const entry = { done: {} };
      if (flags & 1) entry.start = isoDate(new Date(DAY_ZERO + varint() * 864e5));
      if (flags & 2) entry.last = varint();
      if (flags & 4) {
        const count = varint();
        if (count > 200) throw new Refused("damaged");
        entry.pauses = Array.from({ length: count }, () => ({ from: varint(), weeks: varint() }));
      }
      if (flags & 8) {
        const keys = trackItems(track);
        const bits = Array.from({ length: Math.ceil(keys.length / 8) }, byte);
        keys.forEach((key, index) => {
          if (bits[index >> 3] & (1 << (index & 7))) entry.done[key] = "";
        });
      }
      if (flags) tracks[track.id] = entry;
    }
    if (at !== bytes.length || last > manifest.tracks.length) throw new Refused("damaged");
    return { format: "curriculum-progress", tracks, lastTrack: last ? manifest.tracks[last - 1].id : null };
  }

  /** The link to this learner's progress, with the same link as a QR code to scan. */
  function showTransferLink(track, container, status) {
    // The offline copy links to the published site (its own pages are files on this disk).
    const base = offline() ? PUBLISHED && new URL(ROOT.pathname.slice(PROGRESS_ROOT.length), PUBLISHED) : ROOT;
    if (!base) {
      status.textContent = gettext("This copy does not know the site's address: use Export progress instead.");
      return;
    }
    const url = new URL(track.url, base);
    url.hash = TRANSFER + encodeProgress(loadState());
    const link = url.href;
    const field = element("input", { type: "text", id: `cp-transfer-${track.id}`, class: "cp-transfer-link", readonly: "", value: link });
    const copy = () =>
      navigator.clipboard.writeText(link).then(
        () => (status.textContent = gettext("Link copied.")),
        () => {
          field.select();
          status.textContent = gettext("Select the link and copy it.");
        },
      );
    let code = null;
    try {
      code = window.cpQRCode?.svg(link, { label: gettext("QR code of the link to your progress") }) || null;
    } catch (error) {
      code = null; // longer than a QR code holds: the link alone
    }
    container.replaceChildren(
      element(
        "p",
        {},
        gettext(
          "Open this link on your other device, or scan the code with its camera. It carries your ticks, start " +
            "dates and pauses of every track after its #, a part of an address browsers never send to a server; " +
            "opened there, it adds them to what that browser has.",
        ),
      ),
      element(
        "p",
        { class: "cp-form" },
        element("label", { for: field.id }, gettext("Link")),
        " ",
        field,
        " ",
        element("button", { type: "button", class: "md-button", onclick: copy }, gettext("Copy link")),
      ),
      ...(code ? [element("div", { class: "cp-transfer-code" }, code)] : []),
      element("p", { class: "cp-hint" }, format(ngettext("%(num)s character.", "%(num)s characters.", link.length), { num: link.length })),
    );
    container.hidden = false;
  }

  /** Opened from a progress link: say what it carries and add it when the learner agrees. */
  function receiveProgress() {
    if (!location.hash.startsWith(TRANSFER)) return;
    const where = document.querySelector(".md-content__inner");
    if (!where) return;
    const text = location.hash.slice(TRANSFER.length);
    // The progress leaves the address bar, so a reload or a bookmark does not bring it back.
    history.replaceState(history.state, "", location.pathname + location.search);
    document.querySelector(".cp-transfer-in")?.remove();
    const title = element("p", { class: "admonition-title" }, gettext("Progress from another device"));
    const note = element("div", { class: "admonition info cp-transfer-in", role: "region", "aria-label": title.textContent });
    const status = element("p", { class: "cp-status", role: "status" });
    where.prepend(note);
    let data;
    try {
      data = decodeProgress(text);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      const reasons = {
        curriculum: gettext(
          "Not added: this link was made with another version of this curriculum. Export your progress as a file on the other device and import it here.",
        ),
        version: gettext("Not added: this link was made by a newer version of this site. Reload the page and open the link again."),
        damaged: gettext("Not added: this progress link is incomplete or has been changed. Nothing here was changed."),
      };
      note.className = "admonition warning cp-transfer-in";
      status.textContent = reasons[error.message];
      const dismiss = element("button", { type: "button", class: "md-button", onclick: () => note.remove() }, gettext("Dismiss"));
      note.replaceChildren(title, status, element("p", { class: "cp-actions" }, dismiss));
      return;
    }
    const tracks = Object.values(data.tracks);
    const ticks = tracks.reduce((sum, entry) => sum + Object.keys(entry.done).length, 0);
    const pauses = tracks.reduce((sum, entry) => sum + (entry.pauses || []).length, 0);
    const dated = Object.entries(data.tracks).filter(([, entry]) => entry.start).map(([id]) => findTrack(id).name);
    const parts = [format(ngettext("This link carries %(num)s tick.", "This link carries %(num)s ticks.", ticks), { num: ticks })];
    if (dated.length) {
      parts.push(format(ngettext("Start date of %(tracks)s.", "Start dates of %(tracks)s.", dated.length), { tracks: list(dated) }));
    }
    if (pauses) parts.push(format(ngettext("%(num)s pause.", "%(num)s pauses.", pauses), { num: pauses }));
    parts.push(gettext("Adding it keeps everything this browser has."));
    const actions = element("p", { class: "cp-actions" });
    const add = () => {
      const state = loadState();
      status.textContent = mergeProgress(state, data);
      saveState(state);
      actions.remove();
      bindChecklists(state);
      render(state);
    };
    actions.append(
      element("button", { type: "button", class: "md-button md-button--primary", onclick: add }, gettext("Add to this browser")),
      element("button", { type: "button", class: "md-button", onclick: () => note.remove() }, gettext("Dismiss")),
    );
    note.replaceChildren(title, element("p", {}, parts.join(" ")), actions, status);
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

  /** A learner's pause as a calendar event, like a break of the curriculum. */
  function pauseEvent(track, pause) {
    const week = track.weeks[pause.from - 1];
    const values = { track: track.name, num: pause.weeks, week: week ? labelOf(week) : pause.from };
    return {
      uid: `${track.id}-pause-before-${String(pause.from).padStart(2, "0")}`,
      summary: format(ngettext("Paused: %(num)s week", "Paused: %(num)s weeks", pause.weeks), values),
      description: format(
        ngettext(
          "%(track)s: your pause of %(num)s week, before week %(week)s.",
          "%(track)s: your pause of %(num)s weeks, before week %(week)s.",
          pause.weeks,
        ),
        values,
      ),
      categories: [gettext("Paused")],
      path: "",
    };
  }

  /** Where a learner's pause sits: the weeks just before week `from`, after any break there. */
  const pauseOffset = (entry, track, pause) =>
    offsetOf(track.weeks[pause.from - 1]) + pausedBefore(entry, pause.from) - pause.weeks;

  /** The events of a track for this learner: every week on its dates, the curriculum's breaks
   * and the learner's pauses, as `[event, offset, weeks]` in calendar order. */
  function calendarEntries(track, entry) {
    const pauses = (entry.pauses || []).filter((pause) => track.weeks[pause.from - 1]);
    return [
      ...track.weeks.map((week) => [week.event, placeOf(entry, week), 1, true]),
      ...(track.breaks || []).map((b) => [b.event, b.offset + pausedBefore(entry, b.after), b.weeks, false]),
      ...pauses.map((pause) => [pauseEvent(track, pause), pauseOffset(entry, track, pause), pause.weeks, false]),
    ].sort((a, b) => a[1] - b[1]);
  }

  /** The .ics of a track; with `reminder`, each week's event rings at 9:00 on its first day. */
  function calendar(track, entry, reminder = false) {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//curriculum-publisher//weekly plan//EN", `X-WR-CALNAME:${escapeText(`${track.label} — ${track.name}`)}`];
    for (const [event, offset, weeks, isWeek] of calendarEntries(track, entry)) {
      const [monday] = weekDates(entry.start, offset + 1);
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
      if (reminder && isWeek) {
        // An all-day event starts at midnight: nine hours later is 9:00 on its Monday.
        lines.push("BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(event.summary)}`, "TRIGGER:PT9H", "END:VALARM");
      }
      lines.push("END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function downloadCalendar(track, status, reminder) {
    const entry = trackState(loadState(), track.id);
    if (!entry.start) {
      status.textContent = gettext("Set a start date first: the calendar places every week on its dates.");
      return;
    }
    download(`${track.id}-${entry.start}.ics`, "text/calendar", calendar(track, entry, reminder));
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
    receiveProgress();
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
