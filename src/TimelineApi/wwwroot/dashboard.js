// The dashboard: every panel is drawn from the public API (the same calls any client makes) and redrawn
// when the change stream reports an edit. Filters live in the page's URL, so a view can be shared.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const FILTERS = ["kind", "status", "participant", "from", "to"];
const state = readState();

// ---- API access ----

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    // Problem details (RFC 9457) say what went wrong; the panel shows it.
    const problem = await response.json().catch(() => ({}));
    const said = problem.errors ? Object.values(problem.errors).flat().join(" ") : problem.detail;
    throw new Error(`${response.status} ${problem.title || response.statusText}: ${said || path}`);
  }
  return response.json();
}

/** Draws one panel; when its API call fails, the panel says what the API answered instead of staying empty. */
async function panel(id, render) {
  const section = document.getElementById(id);
  section.querySelector(":scope > .panel-error")?.remove();
  try {
    await render();
  } catch (error) {
    section.querySelector("h2").after(el("p", { class: "panel-error", role: "alert" }, `Could not load this panel: ${error.message}`));
    throw error;
  }
}

/** Every item of a list, following `next` (at most `max` items). */
async function all(path, max = 2000) {
  const items = [];
  let cursor = null;
  do {
    const page = await api(path + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""));
    items.push(...page.items);
    cursor = page.next;
  } while (cursor && items.length < max);
  return items;
}

function filterQuery(extra = {}) {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    if (state[name]) query.set(name, state[name]);
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value) query.set(name, value);
  }
  return query.toString();
}

// ---- State in the URL ----

function readState() {
  const query = new URLSearchParams(location.search);
  const read = {};
  for (const name of [...FILTERS, "q", "asOf"]) read[name] = query.get(name) || "";
  return read;
}

function writeState() {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) {
    if (value) query.set(name, value);
  }
  const search = query.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function setFilter(changes) {
  Object.assign(state, changes);
  writeState();
  refresh();
}

// ---- Small DOM helpers ----

function el(name, attributes = {}, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function svg(name, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

/** Text with the API's `<mark>` highlights, built as nodes (the rest stays text, never markup). */
function marked(snippet) {
  const fragment = document.createDocumentFragment();
  snippet.split(/(<mark>.*?<\/mark>)/s).forEach(part => {
    const hit = /^<mark>(.*)<\/mark>$/s.exec(part);
    fragment.append(hit ? el("mark", {}, hit[1]) : document.createTextNode(part));
  });
  return fragment;
}

function activate(node, action) {
  node.addEventListener("click", action);
  node.addEventListener("keydown", e => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      action();
    }
  });
}

const statusClass = status => status === "held" ? "held" : status === "cancelled" ? "cancelled" : "planned";
const dayOf = date => (date || "").slice(0, 10);

// ---- Filters ----

function renderFilters() {
  const shown = FILTERS.filter(name => state[name]).map(name => `${name} = ${state[name]}`);
  document.getElementById("filter-list").textContent = shown.length ? shown.join("; ") : "No filter: everything is shown.";
  const query = filterQuery();
  const suffix = query ? `&${query}` : "";
  document.getElementById("events-csv").href = `/v1/events?format=csv${suffix}`;
  document.getElementById("timeline-csv").href = `/v1/timeline?format=csv${suffix}`;
  const statementFilters = new URLSearchParams(Object.entries({ participant: state.participant, from: state.from, to: state.to }).filter(([, v]) => v));
  document.getElementById("statements-csv").href = `/v1/statements?format=csv${statementFilters.size ? `&${statementFilters}` : ""}`;
  document.getElementById("calendar-link").href = `/v1/meetings.ics${query ? `?${query}` : ""}`;
}

// ---- Timeline ----

async function renderTimeline() {
  const items = await all(`/v1/timeline?type=event&limit=500&${filterQuery()}`);
  const dated = items.filter(i => i.date);
  const undated = items.filter(i => !i.date);
  document.getElementById("timeline-count").textContent = `(${items.length} events)`;
  drawTimeline(dated);

  const list = document.getElementById("undated");
  list.replaceChildren(...undated.map(item => {
    const entry = el("li", { class: `tl-undated ${statusClass(item.status)}`, tabindex: "0", "data-id": item.id }, `${item.title} (${item.kind}, ${item.status})`);
    activate(entry, () => showEvent(item.id));
    return entry;
  }));
  if (!undated.length) list.append(el("li", {}, "None."));
}

function drawTimeline(dated) {
  const chart = document.getElementById("timeline");
  const zoom = Number(document.getElementById("zoom").value);
  const width = Math.max(900, document.getElementById("timeline-scroll").clientWidth - 2) * zoom;
  const height = 320;
  chart.setAttribute("width", width);
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  chart.replaceChildren();
  if (!dated.length) {
    chart.append(svg("text", { x: 20, y: 40 }, "No dated event matches these filters."));
    return;
  }

  const time = d => Date.parse(dayOf(d) + "T00:00:00Z");
  const first = Math.min(...dated.map(i => time(i.date)));
  const last = Math.max(...dated.map(i => time(i.end || i.date)));
  const pad = 40;
  const labelRoom = 260; // the last items' titles are written to the right of their marks
  const span = Math.max(last - first, 86400000);
  const x = t => pad + (t - first) / span * (width - pad - labelRoom);

  const axis = svg("g", { class: "axis", "aria-hidden": "true" });
  axis.append(svg("line", { x1: pad, x2: width - labelRoom, y1: height - 30, y2: height - 30 }));
  const ticks = Math.min(12 * zoom, 40);
  for (let i = 0; i <= ticks; i++) {
    const t = first + span * i / ticks;
    axis.append(svg("line", { x1: x(t), x2: x(t), y1: height - 34, y2: height - 26 }));
    axis.append(svg("text", { x: x(t), y: height - 12, "text-anchor": "middle" }, new Date(t).toISOString().slice(0, 10)));
  }
  chart.append(axis);

  // Rows so that labels do not overlap: each item takes the first row free at its position.
  const rows = [];
  const sorted = [...dated].sort((a, b) => time(a.date) - time(b.date) || a.id.localeCompare(b.id));
  for (const item of sorted) {
    const start = x(time(item.date));
    const end = item.end ? x(time(item.end)) : start;
    const labelEnd = Math.max(end, start + Math.min(item.title.length * 6, 220)) + 8;
    let row = rows.findIndex(free => free < start);
    if (row < 0 || row > 11) row = rows.length < 12 ? rows.length : rows.indexOf(Math.min(...rows));
    rows[row] = labelEnd;
    const y = 20 + row * 22;
    const group = svg("g", {
      class: `tl-event ${statusClass(item.status)}`, tabindex: "0", role: "listitem", "data-id": item.id,
      "aria-label": `${item.title}: ${item.kind}, ${item.status}, ${dayOf(item.date)}${item.end ? ` to ${dayOf(item.end)}` : ""}`,
    });
    group.append(item.end && end > start
      ? svg("rect", { class: "mark", x: start, y: y - 6, width: end - start, height: 12, rx: 4 })
      : svg("circle", { class: "mark", cx: start, cy: y, r: 6 }));
    group.append(svg("text", { x: Math.max(start, end) + 9, y: y + 4 }, item.title));
    group.append(svg("title", {}, `${item.title} (${item.kind}, ${item.status}, ${dayOf(item.date)}${item.end ? ` – ${dayOf(item.end)}` : ""})`));
    activate(group, () => showEvent(item.id));
    chart.append(group);
  }
}

async function showEvent(id) {
  const event = await api(`/v1/events/${encodeURIComponent(id)}`);
  const box = document.getElementById("event-detail");
  box.replaceChildren(
    el("h3", {}, event.title),
    el("p", {}, `${event.kind}, ${event.status}${event.start ? `, ${event.start}${event.end ? ` to ${event.end}` : ""}` : ", undated"}${event.location ? `, ${event.location}` : ""}`),
    el("p", {}, event.summary || ""),
    el("p", {}, `Participants: ${event.participants.map(p => `${p.name} (${p.roles.map(r => r.role).join(", ")})`).join("; ") || "none recorded"}`),
    el("p", {}, `Sources: ${event.sources.join(", ") || "none"}`),
    ...event.sources.map(source => {
      const open = el("button", { type: "button" }, `Read ${source} with its evidence marked`);
      open.addEventListener("click", () => openReview(source, event.id));
      return el("p", {}, open);
    }));
}

// ---- Facets ----

async function renderFacets() {
  const facets = (await api(`/v1/events/facets?facet=month,kind,participant&${filterQuery()}`)).facets;
  const months = [...(facets.month || [])].sort((a, b) => (a.value || "").localeCompare(b.value || ""));
  drawBars("facet-month", months, v => ({ from: v.value, to: v.value }), v => state.from === v.value && state.to === v.value);
  drawBars("facet-kind", facets.kind || [], v => ({ kind: v.value }), v => state.kind === v.value);
  drawBars("facet-participant", (facets.participant || []).slice(0, 15), v => ({ participant: v.value }), v => state.participant === v.value);
}

function drawBars(id, values, filter, active) {
  const chart = document.getElementById(id);
  const shown = values.filter(v => v.value);
  const rowHeight = 20;
  const width = 420;
  chart.setAttribute("viewBox", `0 0 ${width} ${Math.max(rowHeight, shown.length * rowHeight)}`);
  chart.setAttribute("height", Math.max(rowHeight, shown.length * rowHeight));
  chart.replaceChildren();
  const most = Math.max(1, ...shown.map(v => v.count));
  shown.forEach((v, i) => {
    const label = v.label || v.value;
    const bar = svg("g", {
      class: `bar${active(v) ? " active" : ""}`, tabindex: "0", role: "listitem", "data-value": v.value, "data-count": v.count,
      "aria-label": `${label}: ${v.count} events${active(v) ? " (filtering)" : ""}`,
    });
    bar.append(svg("text", { x: 0, y: i * rowHeight + 14 }, label.length > 24 ? label.slice(0, 23) + "…" : label));
    bar.append(svg("rect", { x: 170, y: i * rowHeight + 3, width: Math.max(2, v.count / most * (width - 210)), height: rowHeight - 6 }));
    bar.append(svg("text", { x: 175 + v.count / most * (width - 210), y: i * rowHeight + 14 }, String(v.count)));
    activate(bar, () => setFilter(filter(v)));
    chart.append(bar);
  });
}

// ---- Meetings ----

async function renderMeetings() {
  document.getElementById("as-of").value = state.asOf;
  const meetings = await all(`/v1/meetings?limit=200&${filterQuery({ asOf: state.asOf })}`, 400);
  document.getElementById("meetings-caption").textContent = state.asOf
    ? `The schedule as the sources published by ${state.asOf} reported it (${meetings.length} meetings)`
    : `The schedule as known now (${meetings.length} meetings)`;
  document.querySelector("#meetings tbody").replaceChildren(...meetings.map(m => {
    const history = el("details", {}, el("summary", {}, `${m.history.length} report${m.history.length === 1 ? "" : "s"}`),
      el("ol", {}, ...m.history.map(h => el("li", {}, `${h.reportedOn}: ${h.status}${h.start ? `, ${h.start}` : ""}${h.source ? ` (${h.source})` : h.recordedBy ? ` (by ${h.recordedBy})` : ""}${h.note ? ` — ${h.note}` : ""}`))));
    const correct = el("button", { type: "button", "aria-label": `Correct ${m.title}` }, "Correct");
    correct.addEventListener("click", () => openMeetingForm(m.id));
    return el("tr", { "data-id": m.id },
      el("th", { scope: "row" }, m.title),
      el("td", { class: statusClass(m.status) }, m.status),
      el("td", {}, m.start ? `${m.start}${m.end ? ` – ${m.end}` : ""}` : "undated"),
      el("td", {}, [m.format, m.location].filter(Boolean).join(", ") || "—"),
      el("td", {}, history),
      el("td", {}, correct));
  }));
}

// ---- Statements ----

async function renderStatements() {
  document.getElementById("q").value = state.q;
  const query = new URLSearchParams({ limit: "50" });
  if (state.q) query.set("q", state.q);
  if (state.participant) query.set("participant", state.participant);
  if (state.from) query.set("from", state.from);
  if (state.to) query.set("to", state.to);
  const statements = (await api(`/v1/statements?${query}`)).items;
  const list = document.getElementById("statements");
  list.replaceChildren(...statements.map(s => {
    const open = el("button", { type: "button", "data-id": s.id }, s.snippet ? marked(s.snippet) : s.text);
    open.addEventListener("click", () => showSource(s));
    return el("li", {}, open, el("div", {}, `— ${s.speaker.name}${s.date ? `, ${s.date}` : ""} (${s.source})`));
  }));
  if (!statements.length) list.append(el("li", {}, "No statement matches."));
}

async function showSource(statement) {
  const response = await fetch(`/v1/sources/${encodeURIComponent(statement.source)}/text`);
  const text = await response.text();
  const { start, end } = statement.span;
  const quote = el("mark", { id: "quote" }, text.slice(start, end));
  const box = document.getElementById("source-view");
  box.replaceChildren(
    el("h3", {}, `Source: ${statement.source}`),
    el("p", {}, `The quote stands at characters ${start}–${end} of the source's text.`),
    el("div", { class: "source-text", tabindex: "0", role: "region", "aria-label": "Source text" }, text.slice(0, start), quote, text.slice(end)));
  quote.scrollIntoView({ block: "center" });
}

// ---- Participants ----

let participantsLoaded = false;

async function renderParticipants() {
  const select = document.getElementById("participant-select");
  if (!participantsLoaded) {
    const people = await all("/v1/participants?limit=500", 1000);
    select.replaceChildren(el("option", { value: "" }, "Choose a participant"), ...people.map(p => el("option", { value: p.id }, `${p.name} (${p.kind})`)));
    participantsLoaded = true;
  }
  select.value = state.participant;
  const box = document.getElementById("participant-detail");
  if (!state.participant) {
    box.replaceChildren(el("p", { class: "hint" }, "Choose a participant (or a participant bar) to see their names, titles and counterparts."));
    return;
  }
  const id = encodeURIComponent(state.participant);
  const [person, counterparts] = await Promise.all([api(`/v1/participants/${id}`), api(`/v1/participants/${id}/counterparts`)]);
  const table = el("table", {}, el("caption", {}, "Who they met or talked with"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Counterpart"), el("th", { scope: "col" }, "Held together"), el("th", { scope: "col" }, "Of every status"))),
    el("tbody", {}, ...counterparts.items.map(c => el("tr", {}, el("th", { scope: "row" }, c.name), el("td", {}, String(c.count)),
      el("td", {}, Object.entries(c.byStatus).map(([status, count]) => `${count} ${status}`).join(", "))))));
  box.replaceChildren(
    el("h3", {}, person.name),
    el("p", {}, `Also written: ${person.aliases.map(a => `${a.name}${a.source ? ` (${a.source})` : ""}`).join("; ") || "no other name"}`),
    el("p", {}, `Titles: ${person.roles.map(r => `${r.title} (${r.source})`).join("; ") || "none recorded"}`),
    table);
}

// ---- Live ----

let refreshTimer = null;

function follow() {
  const text = document.getElementById("live-text");
  const dot = document.getElementById("live-dot");
  const stream = new EventSource("/v1/changes/stream");
  stream.addEventListener("open", () => {
    dot.classList.add("on");
    text.textContent = "Live: edits show as they land.";
  });
  stream.addEventListener("change", message => {
    const change = JSON.parse(message.data);
    text.textContent = `Live: last change #${change.seq}, ${change.kind} ${change.resource} ${change.id}.`;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 150);
  });
  stream.addEventListener("error", () => {
    dot.classList.remove("on");
    text.textContent = "Reconnecting to the change stream…";
  });
}

// ---- Start ----

let refreshing = Promise.resolve();

function refresh() {
  renderFilters();
  refreshing = Promise.allSettled([
    panel("timeline-panel", renderTimeline), panel("facets-panel", renderFacets), panel("meetings-panel", renderMeetings),
    panel("statements-panel", renderStatements), panel("participants-panel", renderParticipants),
    panel("reports-panel", renderReports), followReview(),
  ]).then(results => {
    for (const failed of results.filter(r => r.status === "rejected")) console.warn(failed.reason.message);
    document.body.setAttribute("data-ready", String(Date.now()));
  });
  return refreshing;
}

document.getElementById("clear-filters").addEventListener("click", () => setFilter(Object.fromEntries(FILTERS.map(f => [f, ""]))));
document.getElementById("zoom").addEventListener("input", () => renderTimeline());
document.getElementById("as-of").addEventListener("change", e => setFilter({ asOf: e.target.value }));
document.getElementById("as-of-clear").addEventListener("click", () => setFilter({ asOf: "" }));
document.getElementById("participant-select").addEventListener("change", e => setFilter({ participant: e.target.value }));
document.getElementById("statement-search").addEventListener("submit", e => {
  e.preventDefault();
  setFilter({ q: document.getElementById("q").value.trim() });
});

// The editing panel (editing.js) is loaded after this file: the first drawing waits for it.
document.addEventListener("DOMContentLoaded", () => {
  refresh();
  follow();
});
