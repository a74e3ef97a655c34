// The check-in page: marks are sent with fetch and the row is updated in place. A mark not
// yet saved is kept in localStorage (per meeting) until the server has it, and sent again
// when the connection is back and every little while: a lost connection loses no mark. Each
// mark carries the moment it was made, so the server keeps the latest of repeated marks.
(function () {
  "use strict";
  const page = document.querySelector("[data-check-in]");
  if (!page) return;
  const text = page.dataset;
  const storageKey = "check-in:" + text.meeting;
  const sync = document.getElementById("check-in-sync");
  const tokenInput = page.querySelector("input[name=csrfmiddlewaretoken]");
  const RETRY_MS = 15000;

  // Unsent marks by registration id: {attendance, markedAt}. Kept in memory as well, for a
  // browser that refuses localStorage (then they survive only while the page is open).
  let queue = {};
  try {
    queue = JSON.parse(localStorage.getItem(storageKey) || "{}") || {};
  } catch (error) {
    queue = {};
  }
  function store() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(queue));
    } catch (error) {
      // Storage full or refused: the marks stay in memory.
    }
  }

  function row(id) {
    return document.getElementById("registration-" + id);
  }

  function showRow(id, attendance, unsaved, message) {
    const person = row(id);
    if (!person) return;
    person.dataset.attendance = attendance || "";
    for (const button of person.querySelectorAll("button[name=attendance]")) {
      button.setAttribute("aria-pressed", String(button.value === attendance));
    }
    const status = person.querySelector(".check-in-status");
    if (message) {
      status.textContent = message;
    } else if (attendance) {
      status.textContent = text[unsaved ? attendance + "Unsaved" : attendance];
    }
  }

  let loginNeeded = false;
  let hadUnsaved = false;
  function showSync() {
    const count = Object.keys(queue).length;
    if (count) {
      hadUnsaved = true;
      sync.classList.add("unsaved");
      sync.textContent = (loginNeeded ? text.logIn : text.unsaved).replace("{count}", count);
    } else if (hadUnsaved) {
      sync.classList.remove("unsaved");
      sync.textContent = text.saved;
    }
  }

  function showCounts(answer) {
    for (const key of ["present", "confirmed"]) {
      const count = page.querySelector(`[data-count="${key}"]`);
      if (count && key in answer) count.textContent = answer[key];
    }
  }

  // Forget a mark the server has answered, unless a newer one was made meanwhile.
  function settle(id, mark) {
    const current = queue[id];
    if (current && current.markedAt === mark.markedAt) {
      delete queue[id];
      store();
      return true;
    }
    return false;
  }

  // Returns false when the marks cannot be sent now (offline, logged out, server error).
  async function send(id, mark) {
    const body = new FormData();
    body.append("registration", id);
    body.append("attendance", mark.attendance);
    body.append("marked_at", mark.markedAt);
    const response = await fetch(text.markUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: {
        Accept: "application/json",
        "X-CSRFToken": tokenInput ? tokenInput.value : "",
        "X-Requested-With": "XMLHttpRequest",
      },
    });
    const json = (response.headers.get("Content-Type") || "").includes("application/json");
    // A redirect here is to the login page, and a refused token means the same.
    loginNeeded = response.type === "opaqueredirect" || response.status === 403;
    if (response.ok && json) {
      const answer = await response.json();
      if (settle(id, mark)) showRow(id, answer.attendance, false);
      showCounts(answer);
      return true;
    }
    if (json && [400, 404, 409].includes(response.status)) {
      // Not for this list (cancelled meanwhile, say): sending it again would not help.
      const answer = await response.json();
      if (settle(id, mark)) showRow(id, "", false, answer.error);
      return true;
    }
    return false;
  }

  let sending = false;
  let again = false;
  async function flush() {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    try {
      do {
        again = false;
        for (const [id, mark] of Object.entries(queue)) {
          if (!(await send(id, mark))) {
            again = false;
            break;
          }
        }
      } while (again);
    } catch (error) {
      // Offline: the marks wait for the connection.
    } finally {
      sending = false;
      showSync();
    }
  }

  page.addEventListener("submit", function (event) {
    const form = event.target;
    const button = event.submitter;
    if (!form.classList.contains("check-in-mark") || !button || !button.value) return;
    event.preventDefault();
    const id = form.elements.registration.value;
    queue[id] = { attendance: button.value, markedAt: new Date().toISOString() };
    store();
    showRow(id, button.value, true);
    showSync();
    flush();
  });

  // Typing narrows the list at once; the search button asks the server, without a script.
  const search = document.getElementById("check-in-search");
  const shown = document.getElementById("check-in-shown");
  function plain(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  if (search) {
    search.addEventListener("input", function () {
      const wanted = plain(search.value);
      let count = 0;
      for (const person of page.querySelectorAll(".check-in-list .check-in-person")) {
        const name = plain(person.querySelector(".check-in-name").textContent);
        person.hidden = !name.includes(wanted);
        if (!person.hidden) count += 1;
      }
      shown.textContent = wanted ? text.shown.replace("{count}", count) : "";
    });
  }

  for (const [id, mark] of Object.entries(queue)) showRow(id, mark.attendance, true);
  showSync();
  flush();
  window.addEventListener("online", flush);
  setInterval(function () {
    if (Object.keys(queue).length) flush();
  }, RETRY_MS);
})();
