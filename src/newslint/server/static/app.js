// newslint editor page. No framework, no build step.
// Article text only ever reaches the page through textContent / createTextNode, never innerHTML.
"use strict";

(() => {
  const FAMILIES = [
    ["NL1", "Names"],
    ["NL2", "Phrases"],
    ["NL3", "Text damage"],
    ["NL4", "Attribution"],
    ["NL5", "Grammar"],
  ];
  const RANK = { info: 0, warning: 1, error: 2 };
  const SUFFIX = { txt: ".txt", md: ".md", html: ".html" };
  const ACCEPT_KEY = "newslint.accept";  // localStorage: the accept list survives a reload
  const $ = (id) => document.getElementById(id);

  const state = {
    text: "",          // the article as last sent to / returned by the server
    format: "txt",
    filename: null,
    findings: [],      // Finding dicts from the API (offsets in code points)
    view: null,        // Markdown/HTML: [shown, start, end] segments of what a reader sees (null: the text itself)
    dateFromDoc: false, // the date box holds the front matter's date (sent as no date: the server reads it)
    accepted: new Set(), // words and names never flagged (the config's accept list)
    keys: [],          // ignore key of each finding
    ignored: new Set(),
    current: -1,       // index into state.findings
    editing: true,
    stale: false,      // text edited since the last check
    busy: false,
  };

  // ------------------------------------------------------------ DOM helpers

  /** Element with attributes and children; strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** Map code-point offsets (the API's) to UTF-16 indexes (JavaScript's). */
  function unitMapper(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (i) => Math.min(i, text.length);
    const map = [];
    let unit = 0;
    for (const ch of text) {
      map.push(unit);
      unit += ch.length;
    }
    map.push(unit);
    return (i) => map[Math.min(Math.max(i, 0), map.length - 1)];
  }

  function setStatus(message, kind) {
    const box = $("status");
    box.textContent = message || "";
    box.className = "status" + (kind ? " " + kind : "");
  }

  function setBusy(busy) {
    state.busy = busy;
    document.body.classList.toggle("busy", busy);
    updateButtons();
  }

  function updateButtons() {
    const checked = !state.editing && !state.stale;
    $("check").disabled = state.busy;
    $("edit").disabled = state.busy || state.editing;
    $("fix-safe").disabled = state.busy || !checked || !visible().some((i) => state.findings[i].fix_safe);
    $("download").disabled = state.busy || (!state.text && !$("input").value);
  }

  // ------------------------------------------------------------ API

  async function api(path, init) {
    let response;
    try {
      response = await fetch(path, init);
    } catch (err) {
      throw new Error("cannot reach the newslint server (" + err.message + ")");
    }
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = null;
    }
    if (!response.ok) {
      const message = data && data.error && data.error.message ? data.error.message : "HTTP " + response.status;
      throw new Error(message);
    }
    return data;
  }

  function postJson(path, payload) {
    return api(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
  }

  function request(extra) {
    const base = { text: state.text, format: state.format, date: state.dateFromDoc ? null : ($("date").value || null) };
    if (state.accepted.size) base.accept = Array.from(state.accepted);
    return Object.assign(base, extra || {});
  }

  // ------------------------------------------------------------ findings state

  function ignoreKeys(findings) {
    const seen = new Map();
    return findings.map((f) => {
      const base = f.rule_id + "\u0000" + f.matched;
      const n = seen.get(base) || 0;
      seen.set(base, n + 1);
      return base + "\u0000" + n;
    });
  }

  /** Indexes of the findings not ignored, in text order. */
  function visible() {
    const out = [];
    state.findings.forEach((f, i) => {
      if (!state.ignored.has(state.keys[i])) out.push(i);
    });
    return out;
  }

  function takeResult(result, anchor) {
    state.text = result.text !== undefined ? result.text : state.text;
    state.view = result.view || null;
    state.findings = result.findings || [];
    takeDate(result.front_matter_date);
    state.keys = ignoreKeys(state.findings);
    state.stale = false;
    const shown = visible();
    const after = anchor === undefined ? -1 : shown.findIndex((i) => state.findings[i].start >= anchor);
    state.current = shown.length ? shown[after >= 0 ? after : 0] : -1;
    showView();
    render();
    if (result.warnings && result.warnings.length) setStatus(result.warnings.join("; "), "warn");
  }

  // ------------------------------------------------------------ rendering

  function render() {
    renderView();
    renderList();
    updateButtons();
  }

  /**
   * The text shown and where a source offset (code points) falls in it (UTF-16 indexes): the text
   * itself, or for Markdown and HTML what a reader sees, from the server's segments. A segment
   * whose length is its source's maps character by character; any other (a decoded entity, hidden
   * markup shown as a space or a line break) stands for its source range as a whole.
   */
  function display() {
    if (!state.view) {
      const toUnit = unitMapper(state.text);
      return { text: state.text, start: toUnit, end: toUnit };
    }
    const segs = [];
    let shown = "";
    for (const [piece, from, to] of state.view) {
      const d0 = shown.length;
      shown += piece;
      const linear = Array.from(piece).length === to - from;
      segs.push({ from, to, d0, d1: shown.length, map: linear ? unitMapper(piece) : null });
    }
    const last = (pred) => {  // index of the last segment for which pred holds (they are in source order)
      let lo = 0, hi = segs.length - 1, found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (pred(segs[mid])) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return found;
    };
    const start = (o) => {
      const k = last((g) => g.from <= o);
      if (k < 0) return 0;
      const g = segs[k];
      if (o >= g.to) return g.d1;
      return g.map ? g.d0 + g.map(o - g.from) : g.d0;
    };
    const end = (o) => {
      const k = last((g) => g.from < o);
      if (k < 0) return 0;
      const g = segs[k];
      if (o >= g.to) return g.d1;
      return g.map ? g.d0 + g.map(o - g.from) : g.d1;
    };
    return { text: shown, start, end };
  }

  function renderView() {
    const view = $("view");
    view.replaceChildren();
    const shown = display();
    const text = shown.text;
    $("view-note").hidden = !state.view;
    $("view-note").textContent = state.view
      ? "What a reader sees of this " + (state.format === "html" ? "HTML" : "Markdown") +
        " (tags, entities and markup hidden). Fixes edit the source; Edit text shows it."
      : "";
    const ranges = [];
    const points = new Set([0, text.length]);
    for (const i of visible()) {
      const f = state.findings[i];
      const start = shown.start(f.start);
      const end = Math.max(start, shown.end(f.end));
      if (f.start === 0 && f.end === 0 && !f.matched) continue; // whole-document notes: list only
      ranges.push({ i, start, end, rank: RANK[f.severity] || 0 });
      points.add(start);
      points.add(end);
    }
    const cuts = Array.from(points).sort((a, b) => a - b);
    for (let c = 0; c < cuts.length; c++) {
      const a = cuts[c];
      for (const r of ranges) {
        if (r.start === a && r.end === a) view.appendChild(mark([r], ""));
      }
      if (c + 1 >= cuts.length) break;
      const b = cuts[c + 1];
      const covering = ranges.filter((r) => r.start <= a && r.end >= b && r.end > r.start);
      const piece = text.slice(a, b);
      view.appendChild(covering.length ? mark(covering, piece) : document.createTextNode(piece));
    }
  }

  function mark(covering, piece) {
    const worst = covering.reduce((m, r) => Math.max(m, r.rank), 0);
    const severity = Object.keys(RANK).find((k) => RANK[k] === worst);
    const ids = covering.map((r) => r.i);
    const node = el("mark", {
      class: "hl sev-" + severity + (piece ? "" : " point") + (ids.includes(state.current) ? " current" : ""),
      dataset: { ids: ids.join(" ") },
      title: ids.map((i) => state.findings[i].rule_id + ": " + state.findings[i].message).join("\n"),
    }, piece);
    node.addEventListener("click", () => {
      const next = ids.includes(state.current) ? ids[(ids.indexOf(state.current) + 1) % ids.length] : ids[0];
      select(next, true);
    });
    return node;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function familyOf(ruleId) {
    const hit = FAMILIES.find(([prefix]) => ruleId.toUpperCase().startsWith(prefix));
    return hit ? hit[0] : "other";
  }

  function renderList() {
    const box = $("findings");
    box.replaceChildren();
    const shown = visible();
    const ignoredCount = state.findings.length - shown.length;
    const counts = { error: 0, warning: 0, info: 0 };
    shown.forEach((i) => { counts[state.findings[i].severity] = (counts[state.findings[i].severity] || 0) + 1; });
    let summary = shown.length === 0
      ? "No findings."
      : plural(shown.length, "finding") + ": " + plural(counts.error, "error") + ", " +
        plural(counts.warning, "warning") + ", " + counts.info + " info.";
    if (state.stale) summary = "The text was edited: press Check to update. " + summary;
    $("summary").textContent = summary;
    $("summary").classList.toggle("stale", state.stale);
    const restore = $("restore");
    restore.hidden = ignoredCount === 0;
    restore.textContent = "Show " + ignoredCount + " ignored finding" + (ignoredCount === 1 ? "" : "s");

    const groups = FAMILIES.concat([["other", "Other"]]);
    for (const [prefix, label] of groups) {
      const members = shown.filter((i) => familyOf(state.findings[i].rule_id) === prefix);
      if (!members.length) continue;
      const list = el("ol", { class: "finding-list" });
      for (const i of members) list.appendChild(findingItem(i));
      box.appendChild(el("section", { class: "family", dataset: { family: prefix } },
        el("h2", {}, label + " ", el("span", { class: "family-code" }, prefix === "other" ? "" : prefix + "xx"),
          el("span", { class: "count" }, String(members.length))),
        list));
    }
  }

  function findingItem(i) {
    const f = state.findings[i];
    const suggestions = el("div", { class: "suggestions" });
    if (f.suggestions.length) {
      suggestions.appendChild(el("span", { class: "label" }, "Replace with:"));
      f.suggestions.forEach((s, si) => {
        const button = el("button", {
          type: "button",
          class: "suggestion" + (si === 0 && f.fix_safe ? " safe" : ""),
          title: si === 0 && f.fix ? f.fix.title + (f.fix_safe ? " (safe fix)" : "") : "Replace with '" + s + "'",
        }, s === "" ? "(delete)" : s);
        button.addEventListener("click", (ev) => { ev.stopPropagation(); applySuggestion(i, si); });
        suggestions.appendChild(button);
      });
    }
    const same = occurrences(i);
    if (same.length > 1 && f.suggestions.length) {
      const all = el("button", {
        type: "button", class: "fix-all",
        title: "Replace all " + same.length + " occurrences of '" + f.matched + "' with '" + f.suggestions[0] + "'",
      }, "Fix all " + same.length + " occurrences");
      all.addEventListener("click", (ev) => { ev.stopPropagation(); fixAll(i); });
      suggestions.appendChild(all);
    }
    const ignore = el("button", { type: "button", class: "ignore", title: "Dismiss this finding (x)" }, "Ignore");
    ignore.addEventListener("click", (ev) => { ev.stopPropagation(); ignoreFinding(i); });
    const accept = acceptable(f.matched)
      ? el("button", { type: "button", class: "accept", title: "Never flag '" + f.matched + "' again: it joins your accept list (Download accept.txt for newslint.yaml's accept-file)" }, "Always accept")
      : null;
    if (accept) accept.addEventListener("click", (ev) => { ev.stopPropagation(); acceptWord(f.matched); });
    const item = el("li", {
      class: "finding sev-" + f.severity + (i === state.current ? " current" : ""),
      id: "finding-" + i,
      dataset: { idx: String(i), rule: f.rule_id },
      tabindex: "-1",
    },
      el("div", { class: "head" },
        el("span", { class: "sev" }, f.severity),
        el("code", { class: "rule" }, f.rule_id),
        el("span", { class: "rule-name" }, f.rule_name),
        el("span", { class: "loc" }, "line " + f.line + ":" + f.column)),
      el("p", { class: "msg" }, f.message),
      f.matched ? el("p", { class: "matched" }, "Found: ", el("q", {}, f.matched)) : null,
      el("div", { class: "actions" }, suggestions, el("div", { class: "dismiss" }, ignore, accept)));
    item.addEventListener("click", () => select(i, false));
    return item;
  }

  function select(i, fromText) {
    state.current = i;
    document.querySelectorAll(".finding.current, mark.current").forEach((n) => n.classList.remove("current"));
    if (i < 0) return;
    const item = $("finding-" + i);
    if (item) {
      item.classList.add("current");
      item.scrollIntoView({ block: "nearest" });
    }
    let first = null;
    document.querySelectorAll("#view mark").forEach((m) => {
      if (m.dataset.ids.split(" ").includes(String(i))) {
        m.classList.add("current");
        first = first || m;
      }
    });
    if (first && !fromText) first.scrollIntoView({ block: "center" });
  }

  function move(step) {
    const shown = visible();
    if (!shown.length) return;
    const at = shown.indexOf(state.current);
    const next = at < 0 ? (step > 0 ? 0 : shown.length - 1) : (at + step + shown.length) % shown.length;
    select(shown[next], false);
  }

  // ------------------------------------------------------------ modes

  function showView() {
    state.editing = false;
    $("input").hidden = true;
    $("view").hidden = false;
  }

  function showEditor() {
    state.editing = true;
    $("input").value = state.text;
    $("view").hidden = true;
    $("view-note").hidden = true;
    $("input").hidden = false;
    $("input").focus();
    updateButtons();
  }

  function currentText() {
    return state.editing ? $("input").value : state.text;
  }

  // ------------------------------------------------------------ actions

  async function run(action) {
    if (state.busy) return;
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setStatus(err.message, "error");
    } finally {
      setBusy(false);
    }
  }

  function check() {
    return run(async () => {
      state.text = currentText();
      state.format = $("format").value;
      if (!state.text.trim()) {
        setStatus("Paste an article or open a file first.", "warn");
        return;
      }
      setStatus("Checking…");
      const result = await postJson("/api/check", request());
      setStatus("Checked.");
      takeResult(result);
    });
  }

  function applySuggestion(i, si) {
    return run(async () => {
      const f = state.findings[i];
      const s = f.suggestions[si];
      const edits = si === 0 && f.fix
        ? f.fix.edits.map((e) => ({ start: e.start, end: e.end, replacement: e.replacement }))
        : [{ start: f.start, end: f.end, replacement: s }];
      const result = await postJson("/api/fix", request({ edits }));
      setStatus(s === "" ? "Deleted “" + f.matched + "”." : "Replaced “" + f.matched + "” with “" + s + "”.", "ok");
      takeResult(result, f.start);
    });
  }

  function applySafe() {
    return run(async () => {
      const result = await postJson("/api/fix", request());
      if (!result.converged) {
        setStatus("The safe fixes did not settle (rules: " + result.failing_rules.join(", ") + "); the text was left as it was.", "warn");
      } else {
        setStatus("Applied " + result.applied + " safe fix" + (result.applied === 1 ? "" : "es") + ".", "ok");
      }
      takeResult(result);
    });
  }

  /** Findings (not ignored) of the same rule on the same text with the same first suggestion as finding i. */
  function occurrences(i) {
    const f = state.findings[i];
    const key = (g) => g.rule_id + "\u0000" + g.matched + "\u0000" + (g.suggestions.length ? g.suggestions[0] : "\u0001");
    return visible().filter((j) => key(state.findings[j]) === key(f));
  }

  function fixAll(i) {
    return run(async () => {
      const f = state.findings[i];
      const s = f.suggestions[0];
      const edits = [];
      for (const j of occurrences(i)) {
        const g = state.findings[j];
        const own = g.fix ? g.fix.edits.map((e) => ({ start: e.start, end: e.end, replacement: e.replacement }))
          : [{ start: g.start, end: g.end, replacement: s }];
        const prev = edits.length ? edits[edits.length - 1] : null;
        if (prev && own[0].start < prev.end) continue;  // overlaps the one before: left for the next check
        edits.push(...own);
      }
      const result = await postJson("/api/fix", request({ edits }));
      const n = result.applied;
      setStatus((s === "" ? "Deleted " : "Replaced ") + n + " occurrence" + (n === 1 ? "" : "s") + " of “" + f.matched + "”" +
        (s === "" ? "." : " with “" + s + "”."), "ok");
      takeResult(result, f.start);
    });
  }

  // ------------------------------------------------------------ accept list (newslint.yaml: accept-file)

  function acceptable(word) {
    return !!word && word.trim().length > 0 && word.length <= 100 && !/[\r\n]/.test(word);
  }

  function loadAccepted() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(ACCEPT_KEY) || "[]");
      if (Array.isArray(saved)) saved.filter((w) => typeof w === "string").forEach((w) => state.accepted.add(w));
    } catch (err) {
      // no storage (private window) or damaged: start empty
    }
  }

  function saveAccepted() {
    try {
      window.localStorage.setItem(ACCEPT_KEY, JSON.stringify(Array.from(state.accepted)));
    } catch (err) {
      // storage unavailable: the list lasts for this page only
    }
    const n = state.accepted.size;
    $("accept-count").textContent = n ? plural(n, "accepted word") + ": " + Array.from(state.accepted).sort().join(", ") : "No accepted words.";
    $("accept-download").disabled = n === 0;
    $("accept-clear").hidden = n === 0;
  }

  /** Check the current text again (after the accept list changed). */
  function recheck(message) {
    if (state.editing || !state.text.trim()) {
      setStatus(message, "ok");
      return Promise.resolve();
    }
    return run(async () => {
      const result = await postJson("/api/check", request());
      setStatus(message, "ok");
      takeResult(result);
    });
  }

  function acceptWord(word) {
    state.accepted.add(word.trim().split(/\s+/).join(" "));
    saveAccepted();
    return recheck("“" + word + "” is accepted: it will not be flagged again. Download accept.txt to use the list with newslint check.");
  }

  /** Words of an accept file: one per line, '#' comments and blank lines skipped (as the CLI reads it). */
  function parseAcceptFile(text) {
    return text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
  }

  function loadAcceptFile(file) {
    const reader = new FileReader();
    reader.onload = () => {
      const words = parseAcceptFile(String(reader.result || "").replace(/^\uFEFF/, ""));
      words.forEach((w) => state.accepted.add(w));
      saveAccepted();
      recheck("Loaded " + plural(words.length, "word") + " from " + file.name + ".");
    };
    reader.onerror = () => setStatus("Cannot read " + file.name + ".", "error");
    reader.readAsText(file);
  }

  function downloadAccepted() {
    const words = Array.from(state.accepted).sort((a, b) => a.localeCompare(b));
    const text = "# newslint accept list: words and names never flagged, one per line ('#' starts a comment).\n" +
      "# Use it from newslint.yaml:  accept-file: accept.txt\n" + words.join("\n") + "\n";
    saveFile(text, "accept.txt");
  }

  function ignoreFinding(i) {
    state.ignored.add(state.keys[i]);
    const shown = visible();
    const next = shown.find((j) => j > i);
    state.current = next !== undefined ? next : (shown.length ? shown[shown.length - 1] : -1);
    render();
    select(state.current, false);
  }

  function upload(file) {
    return run(async () => {
      const form = new FormData();
      form.append("file", file);
      if ($("date").value && !state.dateFromDoc) form.append("date", $("date").value);
      if (state.accepted.size) form.append("accept", Array.from(state.accepted).join("\n"));
      setStatus("Reading " + file.name + "…");
      const result = await api("/api/upload", { method: "POST", body: form });
      state.filename = result.filename;
      state.format = result.format;
      $("format").value = result.format;
      state.ignored.clear();
      setStatus("Checked " + result.filename + ".");
      takeResult(result);
    });
  }

  function download() {
    const text = currentText();
    const suffix = SUFFIX[state.format] || ".txt";
    let name = "article.corrected" + suffix;
    if (state.filename) {
      const dot = state.filename.lastIndexOf(".");
      name = (dot > 0 ? state.filename.slice(0, dot) : state.filename) + ".corrected" + (dot > 0 ? state.filename.slice(dot) : suffix);
    }
    saveFile(text, name);
  }

  function saveFile(text, name) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = el("a", { href: url, download: name, hidden: "" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  /** The front matter's date fills the date box, unless the editor typed a date there. */
  function takeDate(fromDoc) {
    const box = $("date");
    if (fromDoc && (state.dateFromDoc || !box.value)) {
      box.value = fromDoc;
      state.dateFromDoc = true;
    } else if (!fromDoc && state.dateFromDoc) {
      box.value = "";
      state.dateFromDoc = false;
    }
    $("date-source").hidden = !state.dateFromDoc;
  }

  // ------------------------------------------------------------ wiring

  function isTyping(target) {
    return target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement || target instanceof HTMLSelectElement;
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("controls").addEventListener("submit", (ev) => { ev.preventDefault(); check(); });
    $("edit").addEventListener("click", showEditor);
    $("fix-safe").addEventListener("click", applySafe);
    $("download").addEventListener("click", download);
    $("restore").addEventListener("click", () => { state.ignored.clear(); render(); });
    $("date").addEventListener("input", () => { state.dateFromDoc = false; $("date-source").hidden = true; });
    $("accept-download").addEventListener("click", downloadAccepted);
    $("accept-clear").addEventListener("click", () => { state.accepted.clear(); saveAccepted(); recheck("The accept list is empty."); });
    $("accept-file").addEventListener("change", (ev) => {
      const file = ev.target.files && ev.target.files[0];
      if (file) loadAcceptFile(file);
      ev.target.value = "";
    });
    loadAccepted();
    saveAccepted();
    $("format").addEventListener("change", () => { if (!state.editing) state.stale = true; state.format = $("format").value; render(); });
    $("input").addEventListener("input", () => { state.stale = true; updateButtons(); renderList(); });
    $("file").addEventListener("change", (ev) => {
      const file = ev.target.files && ev.target.files[0];
      if (file) upload(file);
      ev.target.value = "";
    });
    document.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        check();
        return;
      }
      if (isTyping(ev.target) || ev.altKey || ev.ctrlKey || ev.metaKey || state.editing) return;
      const shown = visible();
      switch (ev.key) {
        case "j": case "n": move(1); break;
        case "k": case "p": move(-1); break;
        case "Enter": {
          if (ev.target instanceof HTMLButtonElement) return;
          const f = state.findings[state.current];
          if (!f || !shown.includes(state.current) || !f.suggestions.length) return;
          applySuggestion(state.current, 0);
          break;
        }
        case "x": if (shown.includes(state.current)) ignoreFinding(state.current); break;
        case "e": showEditor(); break;
        default: return;
      }
      ev.preventDefault();
    });
    updateButtons();
  });
})();
