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
      setStatus(error.message, true);
    } finally {
      box.disabled = false;
    }
  });
}

// --- edit, try, save --------------------------------------------------------------------
const editor = document.getElementById("editor");
if (editor) {
  editor.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    event.preventDefault();
    const start = editor.selectionStart;
    editor.setRangeText("    ", start, editor.selectionEnd, "end");
  });
  document.getElementById("try").addEventListener("click", tryIt);
  document.getElementById("save").addEventListener("click", save);
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
      if (r.vote !== "abstain") votes += 1;
      if (r.correct !== null) { scored += 1; if (r.correct) right += 1; }
      if (r.error) errors += 1;
    }
    table.hidden = false;
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
    const result = await post(`/api/programs/${button.dataset.program}/versions`, { source: editor.value });
    window.location.assign(result.url);
  } catch (error) {
    editStatus(error.message, true);
    button.disabled = false;
  }
}

// --- re-run with progress ---------------------------------------------------------------
const rerunButton = document.getElementById("rerun");
const progress = document.getElementById("rerun-progress");

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
    const last = job.messages.length ? ` (${job.messages[job.messages.length - 1]})` : "";
    setStatus(`re-run done in ${Math.round(job.finished - job.started)} s${last}`);
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

rerunButton.addEventListener("click", async () => {
  rerunButton.disabled = true;
  try {
    sessionStorage.setItem("rerun-started", "1");
    showJob(await post("/api/rerun", {}));
    poll();
  } catch (error) {
    setStatus(error.message, true);
    rerunButton.disabled = false;
  }
});

if (document.getElementById("rerun-status").dataset.state === "running") poll();
