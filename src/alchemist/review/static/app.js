// Alchemist workbench: the few interactions that need a script. Every write is a JSON POST
// carrying the access token in a header (the cookie alone is refused for writes).
"use strict";

const token = document.querySelector('meta[name="csrf-token"]').content;
const classes = JSON.parse(document.querySelector('meta[name="classes"]').content);

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Alchemist-Token": token },
    body: JSON.stringify(body || {}),
  });
  const data = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function cell(row, text, className) {
  const td = row.insertCell();
  if (text !== null && text !== undefined) td.textContent = text;
  if (className) td.className = className;
  return td;
}

function vote(td, name, wrong) {
  const span = document.createElement("span");
  if (name === null || name === undefined) { span.className = "muted"; span.textContent = "–"; }
  else if (name === "abstain") { span.className = "muted"; span.textContent = "·"; }
  else {
    span.className = `vote v${classes.indexOf(name)}` + (wrong ? " wrong" : "");
    span.textContent = name;
  }
  td.appendChild(span);
}

// --- enable / disable -------------------------------------------------------------------
for (const box of document.querySelectorAll("input.toggle")) {
  box.addEventListener("change", async () => {
    box.disabled = true;
    try {
      const result = await post(`/api/programs/${box.dataset.program}/enabled`, { enabled: box.checked });
      box.checked = result.enabled;
      const row = document.getElementById(`row-${result.id}`);
      if (row) row.classList.toggle("disabled", !result.enabled);
      setStatus(`${result.id} ${result.enabled ? "enabled" : "disabled"}: re-run to apply`);
    } catch (error) {
      box.checked = !box.checked;
      notice(`${box.dataset.program} not changed: ${error.message}`);
    } finally {
      box.disabled = false;
    }
  });
}

// --- edit, try, save --------------------------------------------------------------------
const editor = document.getElementById("editor");
let leaving = false;  // saving navigates away on purpose
if (editor) {
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      document.getElementById("try").click();
      return;
    }
    if (event.key !== "Tab") return;
    event.preventDefault();
    const start = editor.selectionStart;
    editor.setRangeText("    ", start, editor.selectionEnd, "end");
  });
  document.getElementById("try").addEventListener("click", tryIt);
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("try-filter").addEventListener("change", filterTried);
  window.addEventListener("beforeunload", (event) => {
    if (leaving || editor.value === editor.dataset.saved) return;
    event.preventDefault();
    event.returnValue = "";  // the browser asks before unsaved edits are lost
  });
  const saved = new URLSearchParams(window.location.search).get("saved");
  if (saved) editStatus(`Saved as ${saved}; it is used from the next re-run.`);
}
const revertButton = document.getElementById("revert");
if (revertButton) {
  revertButton.addEventListener("click", async () => {
    revertButton.disabled = true;
    try {
      const result = await post(`/api/programs/${revertButton.dataset.program}/revert`, {});
      leaving = true;
      window.location.assign(`${result.url}?saved=${encodeURIComponent(result.id)}`);
    } catch (error) {
      notice(error.message);
      revertButton.disabled = false;
    }
  });
}

function filterTried() {
  const show = document.getElementById("try-filter").value;
  for (const row of document.querySelectorAll("#try-results tbody tr")) {
    row.hidden = (show === "wrong" && row.dataset.wrong !== "yes")
      || (show === "changed" && row.dataset.changed !== "yes");
  }
}

function editStatus(text, bad) {
  const status = document.getElementById("edit-status");
  status.textContent = text;
  status.className = bad ? "bad" : "";
}

async function tryIt(event) {
  const button = event.currentTarget;
  button.disabled = true;
  editStatus("running in the isolated executor…");
  const table = document.getElementById("try-results");
  const summary = document.getElementById("try-summary");
  try {
    const result = await post(`/api/programs/${button.dataset.program}/try`, {
      source: editor.value,
      split: document.getElementById("try-split").value,
      n: Number(document.getElementById("try-n").value),
    });
    const body = table.tBodies[0];
    body.replaceChildren();
    if (!result.ok) {
      table.hidden = true;
      summary.textContent = "";
      editStatus(result.reason, true);
      return;
    }
    let votes = 0, scored = 0, right = 0, errors = 0;
    for (const r of result.rows) {
      const row = body.insertRow();
      cell(row, r.row, "num");
      cell(row, r.text, "text");
      vote(cell(row), r.before, false);
      vote(cell(row), r.vote, r.correct === false);
      vote(cell(row), r.gold, false);
      cell(row, r.error ? `${r.error}` : "", r.error ? "bad" : "");
      row.dataset.wrong = r.correct === false ? "yes" : "";
      row.dataset.changed = r.before !== null && r.before !== r.vote ? "yes" : "";
      if (r.vote !== "abstain") votes += 1;
      if (r.correct !== null) { scored += 1; if (r.correct) right += 1; }
      if (r.error) errors += 1;
    }
    table.hidden = false;
    filterTried();
    const accuracy = scored ? `${(100 * right / scored).toFixed(1)}% accurate on ${scored} gold-labeled votes` : "no gold-labeled votes";
    summary.textContent = `${result.rows.length} rows: votes on ${votes} (${(100 * votes / result.rows.length).toFixed(0)}%), ${accuracy}, ${errors} errors`;
    editStatus(result.reason ? `failures: ${result.reason}` : "ran without errors", Boolean(result.reason));
  } catch (error) {
    editStatus(error.message, true);
  } finally {
    button.disabled = false;
  }
}

async function save(event) {
  const button = event.currentTarget;
  button.disabled = true;
  try {
    const url = button.dataset.new ? "/api/programs" : `/api/programs/${button.dataset.program}/versions`;
    const result = await post(url, { source: editor.value });
    leaving = true;
    window.location.assign(`${result.url}?saved=${encodeURIComponent(result.id)}`);
  } catch (error) {
    editStatus(error.message, true);
    button.disabled = false;
  }
}

// --- re-run with progress ---------------------------------------------------------------
const rerunButton = document.getElementById("rerun");
const progress = document.getElementById("rerun-progress");

function notice(text) {
  // Refusals stay until the next one: the re-run status below is rewritten while it polls.
  const box = document.getElementById("notice");
  box.textContent = text;
  box.hidden = !text;
}

function setStatus(text, bad) {
  const status = document.getElementById("rerun-status");
  status.textContent = text;
  status.title = text;
  status.classList.toggle("bad", Boolean(bad));
}

function showJob(job) {
  const running = job.state === "running";
  rerunButton.disabled = running;
  progress.hidden = !running;
  document.body.dataset.rerun = job.state;
  if (running) {
    const seconds = Math.round(Date.now() / 1000 - job.started);
    progress.value = job.fraction;
    setStatus(`re-running, ${seconds} s: ${job.step}`);
  } else if (job.state === "failed") {
    setStatus(`re-run failed: ${job.error}`, true);
  } else if (job.state === "done") {
    const how = job.choose_again ? "choices made again" : "choices kept";
    setStatus(`re-run done in ${job.seconds.toFixed(1)} s (${how})`);
  }
}

async function poll() {
  const response = await fetch("/api/rerun", { credentials: "same-origin", headers: { "X-Alchemist-Token": token } });
  const job = await response.json();
  showJob(job);
  if (job.state === "running") {
    setTimeout(poll, 400);
  } else if (job.state === "done" && document.body.dataset.page === "overview" && sessionStorage.getItem("rerun-started")) {
    sessionStorage.removeItem("rerun-started");
    window.location.reload();
  }
}

async function startRerun(chooseAgain) {
  rerunButton.disabled = true;
  try {
    sessionStorage.setItem("rerun-started", "1");
    showJob(await post("/api/rerun", { choose_again: chooseAgain }));
    poll();
  } catch (error) {
    setStatus(error.message, true);
    rerunButton.disabled = false;
  }
}

rerunButton.addEventListener("click", () => startRerun(false));
const chooseButton = document.getElementById("rerun-choose");
if (chooseButton) chooseButton.addEventListener("click", () => startRerun(true));

if (document.getElementById("rerun-status").dataset.state === "running") poll();

// --- sortable tables --------------------------------------------------------------------
for (const header of document.querySelectorAll("table.sortable th.sortable")) {
  header.addEventListener("click", () => {
    const table = header.closest("table");
    const column = Array.from(header.parentNode.children).indexOf(header);
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    for (const other of header.parentNode.children) other.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const text = header.dataset.type === "text";
    const key = (row) => {
      const value = row.children[column].dataset.value ?? row.children[column].textContent;
      return text ? value : Number(value);
    };
    const rows = Array.from(table.tBodies[0].rows);
    rows.sort((a, b) => {
      const x = key(a), y = key(b);
      const order = text ? String(x).localeCompare(String(y)) : x - y;
      return ascending ? order : -order;
    });
    table.tBodies[0].append(...rows);
  });
}
