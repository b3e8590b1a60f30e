// The Label page: suggested rows one at a time; number keys label, s skips, u undoes.
// Every label is POSTed at once; the server's store is the only record.
"use strict";

(function () {
  const card = document.getElementById("label-card");
  if (!card) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const names = JSON.parse(document.querySelector('meta[name="classes"]').content);
  const queue = JSON.parse(document.getElementById("suggestions").textContent);
  const done = []; // indexes labeled in this page, most recent last
  let index = 0;
  let busy = false;

  async function send(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Alchemist-Token": csrf },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({ error: response.statusText }));
    if (!response.ok) throw new Error(data.error || response.statusText);
    return data;
  }

  function status(text, bad) {
    const node = document.getElementById("label-status");
    node.textContent = text;
    node.className = bad ? "bad" : "";
  }

  function show() {
    const item = queue[index];
    card.dataset.index = String(index);
    card.dataset.row = item ? item.id : "";
    document.getElementById("label-position").textContent = item
      ? `${index + 1} of ${queue.length} · ${item.id}` + (item.label ? ` · labeled ${item.label}` : "")
      : "";
    document.getElementById("label-text").textContent = item
      ? item.text
      : "No more suggestions on this page: reload for the next batch, or re-run to use the labels.";
    document.getElementById("label-reason").textContent = item
      ? `${item.reason} (score ${item.score.toFixed(3)}; label model: ${item.label_model} ${item.probability.toFixed(2)})`
      : "";
  }

  async function act(key) {
    if (busy) return;
    const item = queue[index];
    busy = true;
    try {
      if (key === "u") {
        const last = done.pop();
        if (last === undefined) { status("Nothing to undo."); return; }
        const result = await send("/api/labels/undo", { row: queue[last].id });
        queue[last].label = result.label;
        index = last;
        setCount(result.count);
        status(`Undone: ${queue[last].id}` + (result.label ? ` is ${result.label} again` : " has no label"));
      } else if (key === "s") {
        if (!item) return;
        index += 1;
        status(`Skipped ${item.id}`);
      } else {
        if (!item) return;
        const name = names[Number(key) - 1];
        const result = await send("/api/labels", { row: item.id, class: name });
        item.label = name;
        done.push(index);
        index += 1;
        setCount(result.count);
        status(`${item.id}: ${name} (${result.action || "unchanged"})`);
      }
      show();
    } catch (error) {
      status(error.message, true);
    } finally {
      busy = false;
    }
  }

  function setCount(count) {
    document.getElementById("label-count").textContent = String(count);
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest("input, textarea, select")) return;
    const key = event.key.toLowerCase();
    const number = Number(key);
    if (key === "s" || key === "u" || (number >= 1 && number <= names.length)) {
      event.preventDefault();
      act(key);
    }
  });
  for (const button of document.querySelectorAll("#label-buttons button")) {
    button.addEventListener("click", () =>
      act(button.dataset.key || String(names.indexOf(button.dataset.class) + 1)));
  }
  for (const button of document.querySelectorAll("button.correct")) {
    button.addEventListener("click", async () => {
      try {
        const result = await send("/api/labels", { row: button.dataset.row, class: button.dataset.class });
        const row = button.closest("tr");
        row.querySelector(".current").textContent = result.label;
        status(`${button.dataset.row}: corrected to ${result.label}`);
      } catch (error) {
        status(error.message, true);
      }
    });
  }
  show();
})();
