// The web chat: talks only to this server, keeps its session id in sessionStorage only,
// and inserts every text with textContent (never as HTML).
"use strict";
(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const status = document.getElementById("status");
  const KEY = "treaty-navigator-session";
  // The page's own words; the server sends them in the conversation's language with each answer.
  let labels = {
    try_again: "Try again",
    unreachable: "The assistant cannot be reached. Please check your connection and reload.",
    not_sent: "Your message could not be sent. It is still in the box: please try again.",
  };

  function applyLabels(given) {
    if (!given) return;
    labels = Object.assign(labels, given);
    document.querySelector(".chat-note").textContent = labels.note;
    document.querySelector("label[for=text]").textContent = labels.your_message;
    document.getElementById("send").textContent = labels.send;
    log.setAttribute("aria-label", labels.conversation);
  }

  function show(role, text) {
    const item = document.createElement("li");
    item.className = role;
    item.textContent = text;
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  function disableChoices() {
    log.querySelectorAll(".choices button").forEach(function (b) { b.disabled = true; });
  }

  // A reply to an accepted message replaces the earlier options; a refusal or an outage
  // ("please send it again") leaves them usable.
  function render(messages, accepted) {
    if (accepted) disableChoices();
    (messages || []).forEach(function (m) {
      const item = show("bot", m.text || "");
      if (m.buttons && m.buttons.length) {
        const row = document.createElement("div");
        row.className = "choices";
        m.buttons.forEach(function (b) {
          const button = document.createElement("button");
          button.type = "button";
          button.textContent = b.title;
          button.addEventListener("click", function () { send({ payload: b.payload }, b.title); });
          row.appendChild(button);
        });
        item.appendChild(row);
      }
    });
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
    });
    const data = await response.json();
    data.httpStatus = response.status;
    return data;
  }

  function offerRetry() {
    const item = show("bot", "");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "↻";
    button.setAttribute("aria-label", labels.try_again);
    button.addEventListener("click", function () { item.remove(); start(); });
    item.appendChild(button);
  }

  function applyLanguage(language) {
    if (!language) return;
    document.documentElement.lang = language;
    document.documentElement.dir = language === "ar" ? "rtl" : "ltr";
  }

  async function start() {
    status.textContent = "…";
    try {
      const data = await post("/api/session", { language: navigator.language });
      applyLanguage(data.language);
      applyLabels(data.labels);
      render(data.messages, data.httpStatus === 200);
      // Keep the session only once the greeting (with its privacy notice) was shown.
      if (data.httpStatus === 200 && data.session) sessionStorage.setItem(KEY, data.session);
      else offerRetry();
      status.textContent = "";
    } catch (e) {
      status.textContent = labels.unreachable;
    }
  }

  async function send(body, echo) {
    const session = sessionStorage.getItem(KEY);
    if (!session) { await start(); return; }
    show("me", echo);
    status.textContent = "…";
    try {
      const data = await post("/api/messages", Object.assign({ session: session }, body));
      applyLanguage(data.language);
      applyLabels(data.labels);
      render(data.messages, data.httpStatus === 200);
      if (data.erased) sessionStorage.removeItem(KEY);
      if (data.status === "ok" && body.text !== undefined) input.value = "";
      status.textContent = "";
    } catch (e) {
      status.textContent = labels.not_sent;
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    send({ text: text }, text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });

  start();
})();
