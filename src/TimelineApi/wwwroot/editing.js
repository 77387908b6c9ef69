// Growing the timeline from the dashboard: an editor's key kept for the tab, a report added and read by the
// extractor, its proposals reviewed beside the words they rest on, and meetings corrected. Every call is one
// the public API documents; a refusal is shown next to the field it concerns, and nothing typed is cleared by it.
"use strict";

const KEY_STORE = "timeline-api-key";
// The API's vocabularies (OpenAPI: EventResponse.status, and the kinds GET /v1/meetings lists); a test holds them to the contract.
const STATUSES = ["held", "scheduled", "proposed", "postponed", "cancelled"];
const MEETING_KINDS = ["call", "summit", "talks", "meeting"];
const GROUPS = [
  ["People", s => s.kind === "participant"],
  ["Quotes", s => s.kind === "statement"],
  ["Events", s => s.kind === "event" && !MEETING_KINDS.includes(s.proposal.kind)],
  ["Meetings", s => s.kind === "event" && MEETING_KINDS.includes(s.proposal.kind)],
];

// ---- The key and writes ----

const keyOf = () => sessionStorage.getItem(KEY_STORE) || "";

function showKey(refusal = "") {
  document.getElementById("api-key-status").textContent = keyOf()
    ? "A key is kept for this tab (until it closes or you forget it): adding and deciding send it."
    : "No key: reading needs none, adding and deciding do.";
  document.getElementById("forget-key").disabled = !keyOf();
  document.getElementById("api-key-error").textContent = refusal;
  document.getElementById("api-key").setAttribute("aria-invalid", String(Boolean(refusal)));
}

/** A write with the tab's key: { ok, status, data, response }, whatever the answer. */
async function write(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: "application/json", ...headers } };
  if (keyOf()) init.headers.Authorization = `Bearer ${keyOf()}`;
  if (body !== undefined) {
    init.headers["Content-Type"] ??= "application/json";
    init.body = JSON.stringify(body);
  }
  try {
    const response = await fetch(path, init);
    return { ok: response.ok, status: response.status, data: await response.json().catch(() => null), response };
  } catch (error) {
    return { ok: false, status: 0, data: { detail: `The API could not be reached (${error.message}).` } };
  }
}

/**
 * Puts a refused write into words next to what it concerns: a key refused (401, 403) by the key, each member of
 * `errors` (422, 400) by its field (`fields` maps a member, or the start of its path, to an element id), a body
 * too large (413) by the field named `body`, the rest in the form's own line `general`.
 */
function showRefusal(result, fields, general) {
  const said = result.data?.detail || result.data?.title || `The API answered ${result.status}.`;
  if (result.status === 401 || result.status === 403) {
    showKey(result.status === 401
      ? `The API does not take this key (${said}) Check it, or ask for one with keys create.`
      : `This key may not write (${said}) Use an editor's key.`);
    document.getElementById(general).textContent = "Nothing was saved: the key was refused (see the key above).";
    document.getElementById("api-key").focus();
    return;
  }

  const placed = new Map();
  const rest = [];
  for (const [member, messages] of Object.entries(result.data?.errors || {})) {
    const field = Object.keys(fields).find(f => member === f || member.startsWith(`${f}[`) || member.startsWith(`${f}.`));
    if (field) placed.set(fields[field], [...(placed.get(fields[field]) || []), ...messages]);
    else rest.push(...messages);
  }
  if (result.status === 413 && fields.body) placed.set(fields.body, [`Too long for the API: ${said}`]);
  for (const [id, messages] of placed) document.getElementById(id).textContent = messages.join(" ");
  const retry = result.response?.headers.get("Retry-After");
  document.getElementById(general).textContent = rest.length ? rest.join(" ")
    : placed.size ? "Nothing was saved: see the fields marked."
      : `Nothing was saved: ${said}${retry ? ` Try again in ${retry} s.` : ""}`;
}

function clearRefusals(container) {
  container.querySelectorAll(".field-error").forEach(p => { p.textContent = ""; });
}

// ---- Adding a report ----

let reportFileName = null;

function countText() {
  const length = document.getElementById("report-text").value.length;
  document.getElementById("report-text-count").textContent = `${length.toLocaleString("en")} character${length === 1 ? "" : "s"}`;
}

async function addReport(event) {
  event.preventDefault();
  const form = document.getElementById("report-form");
  clearRefusals(form);
  const value = id => document.getElementById(id).value.trim();
  const body = { text: document.getElementById("report-text").value };
  if (value("report-title")) body.title = value("report-title");
  if (value("report-publisher")) body.publisher = value("report-publisher");
  if (value("report-published")) body.publishedAt = value("report-published");
  if (reportFileName) body.fileName = reportFileName;

  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  document.getElementById("report-form-error").textContent = "";
  const result = await write("POST", "/v1/sources", body);
  button.disabled = false;
  if (!result.ok) {
    showRefusal(result, {
      title: "report-title-error", publisher: "report-publisher-error", publishedAt: "report-published-error",
      text: "report-text-error", fileName: "report-text-error", body: "report-text-error",
    }, "report-form-error");
    return;
  }

  form.reset();
  reportFileName = null;
  countText();
  await panel("reports-panel", renderReports);
  await openReview(result.data.id);
}

// ---- The reports added ----

async function renderReports() {
  const [sources, pending] = await Promise.all([
    all("/v1/sources?sort=-published&limit=100", 500),
    all("/v1/suggestions?status=pending&limit=200", 10000),
  ]);
  const waiting = new Map();
  for (const s of pending) waiting.set(s.source, (waiting.get(s.source) || 0) + 1);
  document.querySelector("#reports tbody").replaceChildren(...sources.map(source => {
    const name = source.title || `Untitled (${source.fileName})`;
    const open = el("button", { type: "button", "aria-label": `Review ${name}` }, "Review");
    open.addEventListener("click", () => openReview(source.id));
    return el("tr", { "data-id": source.id },
      el("th", { scope: "row" }, `${name}${source.publisher ? ` (${source.publisher})` : ""}`),
      el("td", {}, source.publishedAt || "not stated"),
      el("td", { class: "waiting" }, String(waiting.get(source.id) || 0)),
      el("td", {}, open));
  }));
}

// ---- Review ----

const review = { source: null, items: [], current: -1 };
let people = null;

async function participants() {
  people ??= await all("/v1/participants?limit=500", 5000);
  return people;
}

const nameOf = id => people?.find(p => p.id === id)?.name || id;

/** Opens a report's review (choosing the proposal that wrote the record given, if any); a failed call is said in the panel. */
function openReview(sourceId, record = null) {
  return panel("reports-panel", () => drawReview(sourceId, record)).catch(error => console.warn(error.message));
}

async function drawReview(sourceId, record) {
  const id = encodeURIComponent(sourceId);
  const [source, items] = await Promise.all([api(`/v1/sources/${id}`), all(`/v1/suggestions?source=${id}&limit=200`, 5000), participants()]);
  review.source = source;
  review.items = GROUPS.flatMap(([, member]) => items.filter(member));
  document.getElementById("review").hidden = false;
  document.getElementById("review-title").textContent = `Review: ${source.title || `Untitled (${source.fileName})`}`;
  document.getElementById("review-message").textContent = review.items.length ? "" : "The extractor proposed nothing for this report.";
  drawText();
  drawProposals();
  const wanted = record ? review.items.findIndex(s => s.records?.some(r => r.id === record)) : -1;
  const first = wanted >= 0 ? wanted : Math.max(0, review.items.findIndex(s => s.status === "pending"));
  if (review.items.length) select(first, false);
  document.getElementById("review-title").focus();
}

/** The report's text with every proposal's evidence marked: one mark per run of text the same proposals rest on. */
function drawText() {
  const text = review.source.text;
  const cuts = new Set([0, text.length]);
  const spans = review.items.flatMap(s => s.evidence.filter(e => e.end > e.start).map(e => ({ ...e, id: s.id })));
  for (const span of spans) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const ids = [...new Set(spans.filter(s => s.start <= from && s.end >= to).map(s => s.id))];
    if (!ids.length) {
      nodes.push(document.createTextNode(text.slice(from, to)));
      continue;
    }
    const mark = el("mark", { "data-ids": ids.join(" "), "data-start": from, "data-end": to }, text.slice(from, to));
    mark.addEventListener("click", () => showAt(ids));
    nodes.push(mark);
  }
  document.getElementById("review-text").replaceChildren(...nodes);
  markDecided();
}

function markDecided() {
  const decided = new Set(review.items.filter(s => s.status !== "pending").map(s => s.id));
  document.querySelectorAll("#review-text mark").forEach(m => m.classList.toggle("decided", m.dataset.ids.split(" ").every(id => decided.has(id))));
}

function drawProposals() {
  document.getElementById("proposals").replaceChildren(...GROUPS.map(([label, member], g) => {
    const members = review.items.filter(member);
    return el("section", { "aria-labelledby": `group-${g}` },
      el("h4", { id: `group-${g}` }, `${label} (${members.length})`),
      members.length ? el("ol", { class: "plain" }, ...members.map(proposalItem)) : el("p", { class: "hint" }, "None proposed."));
  }));
}

function facts(s) {
  const p = s.proposal;
  const sure = `confidence ${s.confidence.toFixed(2)}`;
  if (s.kind === "participant") {
    return `${p.known ? "Known" : "New"} ${p.kind}: ${p.name}${p.newAliases.length ? `; also written ${p.newAliases.join(", ")}` : ""}${p.titles.length ? `; titles: ${p.titles.join(", ")}` : ""}; ${sure}`;
  }
  if (s.kind === "statement") {
    return `Speaker: ${p.speaker ? nameOf(p.speaker) : p.speakerText ? `${p.speakerText} (not a participant yet)` : "none found"}; day: ${p.date || "not stated"}${p.dateInferred ? " (inferred)" : ""}; ${sure}`;
  }
  const when = p.start ? `${p.start}${p.end ? ` to ${p.end}` : ""}${p.dateInferred ? " (inferred)" : ""}` : "undated";
  return `${p.kind}, ${p.status}, ${when}; parties: ${p.participants.map(nameOf).join(", ") || "none found"}; place: ${p.location || "not stated"}; ${sure}`;
}

function proposalItem(s) {
  const item = el("li", { class: `proposal ${s.status}`, "data-id": s.id, "data-kind": s.kind });
  const pick = el("button", { type: "button", class: "pick", id: `pick-${s.id}` }, s.summary);
  pick.addEventListener("click", () => select(review.items.findIndex(i => i.id === s.id)));
  item.append(pick, el("p", { class: "facts" }, facts(s)));
  if (s.status !== "pending") {
    const records = (s.records || []).map(r => `${r.resource} ${r.id}`).join(", ");
    item.append(el("p", { class: "decided" }, `${s.status === "accepted" ? "Accepted" : "Rejected"} by ${s.decidedBy} at ${s.decidedAt}${records ? `: ${records}` : ""}`));
    return item;
  }
  const actions = el("div", { class: "actions" });
  for (const [action, label, key] of [["accept", "Accept", "a"], ["reject", "Reject", "x"], ["correct", "Correct, then accept", "e"]]) {
    const button = el("button", { type: "button", "data-action": action, "aria-keyshortcuts": key, "aria-describedby": `pick-${s.id}` }, label);
    button.addEventListener("click", () => {
      select(review.items.findIndex(i => i.id === s.id), false);
      act(action, s.id);
    });
    actions.append(button);
  }
  item.append(actions);
  return item;
}

const itemOf = id => document.querySelector(`#proposals .proposal[data-id="${CSS.escape(id)}"]`);

function select(index, focus = true) {
  if (index < 0 || index >= review.items.length) return;
  review.current = index;
  const s = review.items[index];
  document.querySelectorAll("#proposals .proposal.current").forEach(p => p.classList.remove("current"));
  const item = itemOf(s.id);
  item.classList.add("current");
  item.scrollIntoView({ block: "nearest" });
  const marks = [...document.querySelectorAll("#review-text mark")];
  marks.forEach(m => m.classList.toggle("current", m.dataset.ids.split(" ").includes(s.id)));
  const mark = marks.find(m => m.classList.contains("current"));
  if (mark) {
    const box = document.getElementById("review-text");
    box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
  }
  if (focus) item.querySelector(".pick").focus();
}

/** A span chosen in the text: the proposals resting on it are marked, and the first is chosen. */
function showAt(ids) {
  document.querySelectorAll("#proposals .proposal").forEach(p => p.classList.toggle("at-span", ids.includes(p.dataset.id)));
  document.getElementById("review-message").textContent = `${ids.length} proposal${ids.length === 1 ? " rests" : "s rest"} on these words: ${ids.map(id => review.items.find(s => s.id === id)?.summary).join("; ")}`;
  select(review.items.findIndex(s => s.id === ids[0]));
}

function act(action, id) {
  const s = review.items.find(i => i.id === id);
  if (!s || s.status !== "pending") return;
  if (action === "correct") correct(s);
  else decide(s, action);
}

/** Puts the API's answer for a suggestion in place of the one shown. */
function replace(decided) {
  const index = review.items.findIndex(s => s.id === decided.id);
  if (index < 0) return;
  review.items[index] = decided;
  const item = proposalItem(decided);
  itemOf(decided.id).replaceWith(item);
  if (index === review.current) item.classList.add("current");
  markDecided();
}

async function decide(s, decision, body, form) {
  const say = document.getElementById("review-message");
  const result = await write("POST", `/v1/suggestions/${encodeURIComponent(s.id)}/${decision}`, body);
  if (result.ok) {
    replace(result.data);
    say.textContent = `${decision === "accept" ? "Accepted" : "Rejected"}: ${s.summary}`;
    if (s.kind === "participant") people = null;
    await participants();
    select(review.current);
    panel("reports-panel", renderReports);
    return;
  }
  if (result.status === 409) {
    // Decided elsewhere since this page read it: show that decision, never write over it.
    replace(await api(`/v1/suggestions/${encodeURIComponent(s.id)}`));
    select(review.current);
    say.textContent = `Not changed: ${result.data?.detail || "it was already decided elsewhere."}`;
    return;
  }
  if (form) {
    showRefusal(result, form.fieldIds, form.generalId);
    return;
  }
  const errors = Object.values(result.data?.errors || {}).flat();
  if (result.status === 401 || result.status === 403) showRefusal(result, {}, "review-message");
  else say.textContent = `Not ${decision === "accept" ? "accepted" : "rejected"}: ${errors.join(" ") || result.data?.detail || result.status}${decision === "accept" ? " Correct it (e) to give what is missing." : ""}`;
}

// ---- Correcting a proposal before accepting it ----

function field(item, name, label, control) {
  const errorId = `${item}-${name}-error`;
  control.id = `${item}-${name}`;
  control.setAttribute("aria-describedby", errorId);
  return el("div", { class: "field" }, el("label", { for: control.id }, label), control, el("p", { id: errorId, class: "field-error" }));
}

function choices(values, selected, multiple = false) {
  const select = el("select", multiple ? { multiple: "" } : {});
  for (const [value, label] of values) {
    const option = el("option", { value }, label);
    option.selected = multiple ? selected.includes(value) : value === selected;
    select.append(option);
  }
  return select;
}

function correct(s) {
  const item = itemOf(s.id);
  const open = item.querySelector("form");
  if (open) {
    open.querySelector("input, select").focus();
    return;
  }
  const p = s.proposal;
  const prefix = `fix-${s.id}`;
  const known = people.map(x => [x.id, `${x.name} (${x.kind})`]);
  const form = el("form", { novalidate: "", "aria-label": `Correct ${s.summary}` });
  form.fieldIds = {};
  const add = (name, label, control, members = [name]) => {
    form.append(field(prefix, name, label, control));
    for (const member of members) form.fieldIds[member] = `${prefix}-${name}-error`;
    return control;
  };

  let read;
  if (s.kind === "statement") {
    const speaker = add("speaker", "Speaker", choices([["", "Choose a participant"], ...known], p.speaker || ""));
    const date = add("date", "Day (YYYY-MM-DD)", el("input", { type: "text", value: p.date || "" }));
    read = () => ({ speaker: speaker.value && speaker.value !== p.speaker ? speaker.value : undefined, date: date.value.trim() && date.value.trim() !== p.date ? date.value.trim() : undefined });
  } else if (s.kind === "event") {
    const title = add("title", "Title", el("input", { type: "text", value: p.title }));
    const status = add("status", "Status", choices(STATUSES.map(v => [v, v]), p.status));
    const start = add("start", "Day (YYYY-MM-DD)", el("input", { type: "text", value: p.start || "" }));
    const end = add("end", "Last day (empty: one day)", el("input", { type: "text", value: p.end || "" }));
    const parties = add("participants", "Parties", choices(known, p.participants, true));
    const missing = p.participants.filter(id => !people.some(x => x.id === id));
    if (missing.length) form.append(el("p", { class: "hint" }, `Not participants yet (accept them first to list them): ${missing.join(", ")}`));
    read = () => {
      const chosen = [...parties.selectedOptions].map(o => o.value);
      const redated = start.value.trim() !== (p.start || "") || end.value.trim() !== (p.end || "");
      return {
        title: title.value.trim() !== p.title ? title.value.trim() : undefined,
        status: status.value !== p.status ? status.value : undefined,
        start: redated ? start.value.trim() : undefined,
        end: redated && end.value.trim() ? end.value.trim() : undefined,
        participants: chosen.join(" ") !== p.participants.filter(id => people.some(x => x.id === id)).join(" ") ? chosen : undefined,
      };
    };
  } else {
    const into = add("participant", "Merge into", choices([["", p.known ? `${p.name} (as proposed)` : "Nobody: a new participant"], ...known], ""));
    read = () => ({ participant: into.value || undefined });
  }

  form.generalId = `${prefix}-error`;
  form.append(el("p", { id: form.generalId, class: "field-error", role: "alert" }));
  const save = el("button", { type: "submit" }, "Accept as corrected");
  const cancel = el("button", { type: "button", "data-action": "cancel" }, "Cancel");
  cancel.addEventListener("click", () => closeCorrection(form, s));
  form.append(el("div", { class: "actions" }, save, cancel));
  form.addEventListener("submit", async e => {
    e.preventDefault();
    clearRefusals(form);
    const body = Object.fromEntries(Object.entries(read()).filter(([, v]) => v !== undefined));
    await decide(s, "accept", body, form);
  });
  item.append(form);
  form.querySelector("input, select").focus();
}

function closeCorrection(form, s) {
  form.remove();
  itemOf(s.id)?.querySelector(".pick").focus();
}

document.addEventListener("keydown", e => {
  const panelOpen = !document.getElementById("review").hidden;
  if (!panelOpen || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target;
  if (e.key === "Escape") {
    const form = target.closest?.("#proposals form");
    if (form) {
      e.preventDefault();
      closeCorrection(form, review.items.find(s => s.id === form.closest(".proposal").dataset.id));
    }
    return;
  }
  // Keys act only where the review is, and never while something is being typed.
  if (target.matches?.("input, textarea, select") || !(target === document.body || target.closest?.("#review"))) return;
  const s = review.items[review.current];
  const actions = { j: () => select(review.current + 1), k: () => select(review.current - 1), a: () => act("accept", s?.id), x: () => act("reject", s?.id), e: () => act("correct", s?.id) };
  if (actions[e.key]) {
    e.preventDefault();
    actions[e.key]();
  }
});

/** After an edit lands anywhere: the decisions others made show on the proposals open here (no correction is closed). */
async function followReview() {
  if (document.getElementById("review").hidden || !review.source) return;
  const now = await all(`/v1/suggestions?source=${encodeURIComponent(review.source.id)}&limit=200`, 5000);
  for (const s of now) {
    const shown = review.items.find(i => i.id === s.id);
    if (shown && shown.status !== s.status && !itemOf(s.id)?.querySelector("form")) replace(s);
  }
}

// ---- Correcting a meeting ----

const meetingEdit = { id: null, etag: null, loaded: null };

async function openMeetingForm(id) {
  const form = document.getElementById("meeting-form");
  clearRefusals(form);
  const response = await fetch(`/v1/meetings/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
  const meeting = await response.json();
  Object.assign(meetingEdit, { id, etag: response.headers.get("ETag"), loaded: meeting });
  const status = document.getElementById("meeting-status");
  status.replaceChildren(...STATUSES.map(v => el("option", { value: v }, v)));
  status.value = meeting.status;
  document.getElementById("meeting-start").value = meeting.start || "";
  document.getElementById("meeting-end").value = meeting.end || "";
  document.getElementById("meeting-note").value = "";
  document.getElementById("meeting-reload").hidden = true;
  document.getElementById("meeting-form-title").textContent = `Correct: ${meeting.title} (${meeting.history.length} report${meeting.history.length === 1 ? "" : "s"} in its history)`;
  form.hidden = false;
  form.dataset.id = id;
  document.getElementById("meeting-form-title").focus();
}

async function saveMeeting(event) {
  event.preventDefault();
  const form = document.getElementById("meeting-form");
  clearRefusals(form);
  const loaded = meetingEdit.loaded;
  const value = id => document.getElementById(id).value.trim();
  const body = {};
  if (value("meeting-status") !== loaded.status) body.status = value("meeting-status");
  if (value("meeting-start") !== (loaded.start || "")) body.start = value("meeting-start") || null;
  if (value("meeting-end") !== (loaded.end || "")) body.end = value("meeting-end") || null;
  if (value("meeting-note")) body.report = { note: value("meeting-note") };
  if (!Object.keys(body).length) {
    document.getElementById("meeting-form-error").textContent = "Nothing to save: change the status or a day first.";
    return;
  }
  const result = await write("PATCH", `/v1/meetings/${encodeURIComponent(meetingEdit.id)}`, body,
    { "Content-Type": "application/merge-patch+json", "If-Match": meetingEdit.etag });
  if (result.status === 412) {
    document.getElementById("meeting-form-error").textContent =
      "Someone else changed this meeting after you opened it, so nothing was saved. Reload it to see their change, then make yours again.";
    document.getElementById("meeting-reload").hidden = false;
    return;
  }
  if (!result.ok) {
    showRefusal(result, { status: "meeting-status-error", start: "meeting-start-error", end: "meeting-end-error", report: "meeting-form-error" }, "meeting-form-error");
    return;
  }
  await openMeetingForm(meetingEdit.id);
  document.getElementById("meeting-form-error").textContent = "";
  document.getElementById("meeting-form-title").textContent += ": saved.";
}

// ---- Start ----

document.getElementById("key-form").addEventListener("submit", e => {
  e.preventDefault();
  const input = document.getElementById("api-key");
  if (input.value.trim()) sessionStorage.setItem(KEY_STORE, input.value.trim());
  input.value = "";
  showKey();
});
document.getElementById("forget-key").addEventListener("click", () => {
  sessionStorage.removeItem(KEY_STORE);
  showKey();
});
document.getElementById("report-form").addEventListener("submit", addReport);
document.getElementById("report-text").addEventListener("input", countText);
document.getElementById("report-file").addEventListener("change", async e => {
  const file = e.target.files[0];
  if (!file) return;
  document.getElementById("report-text").value = await file.text();
  reportFileName = file.name;
  countText();
});
document.getElementById("meeting-form").addEventListener("submit", saveMeeting);
document.getElementById("meeting-reload").addEventListener("click", () => openMeetingForm(meetingEdit.id));
document.getElementById("meeting-cancel").addEventListener("click", () => { document.getElementById("meeting-form").hidden = true; });
showKey();
