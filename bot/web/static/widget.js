/* Treaty Navigator chat widget: one file, no dependencies, no build step (plain ES2017).
 *
 * On any page:
 *   <script src="https://gateway.example/widget.js" data-language="ar" data-color="#0b5394"
 *           data-exit-url="https://www.bbc.com/weather" defer></script>
 * data-server     the gateway (default: where this script came from)
 * data-language   the first language (default: the browser's); the person can change it
 * data-color      buttons and links; data-exit-color: the exit button (both need 4.5:1 on white)
 * data-exit-url   the neutral site quick exit goes to
 * data-target     a CSS selector: show the chat inside that element, not as a floating button
 * data-mode="page"  the gateway's own page at /
 *
 * Safety: every text is inserted with textContent, never as HTML. The widget talks only to
 * the gateway, without cookies, and keeps its state in this tab's sessionStorage under one
 * key, which quick exit and "delete my data" remove.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || window.treatyNavigatorWidget) return;
  window.treatyNavigatorWidget = true;

  const KEY = "treaty-navigator";
  const TITLE = "Treaty Navigator";
  const DEFAULT_EXIT_URL = "https://www.bbc.com/weather";
  const REQUEST_TIMEOUT_MS = 40000;
  const MAX_LOG = 400;
  const SHIFT_WINDOW_MS = 5000;
  const LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh"];
  const RTL = ["ar"];
  // The widget's words until the gateway sends them in the conversation's language
  // (dialogues/replies.yml, widget_*; a test keeps these equal to it).
  const ENGLISH = {
    note: "Preliminary information, not legal advice.",
    your_message: "Your message",
    send: "Send",
    conversation: "Conversation",
    try_again: "Try again",
    not_sent: "Your message could not be sent. It is still in the box: please try again.",
    open: "Open the chat",
    minimise: "Minimise the chat",
    exit: "Exit this page",
    exit_about: "About quick exit",
    exit_help:
      "The 'Exit this page' button (or pressing the Shift key 3 times) takes you at once to an " +
      "everyday website and deletes this conversation from this browser tab and from our server. " +
      "It does not delete your browser history or close other tabs and windows, where this site " +
      "may still appear. If someone may check your device, use a private window, and clear your " +
      "history afterwards.",
    shift_two: "Shift, press 2 more times to exit.",
    shift_one: "Shift, press 1 more time to exit.",
    shift_expired: "Exit this page expired.",
    leaving: "Loading.",
    you: "You:",
    assistant: "Assistant:",
    typing: "The assistant is writing…",
    sending: "Sending…",
    waiting: "Not sent yet: it will be sent when the connection is back.",
    offline:
      "No connection. Your messages are kept in this tab and will be sent when the connection is back.",
    refused: "Not sent",
  };

  // ---- configuration from the script tag -------------------------------------------------

  function httpUrl(value, base) {
    try {
      const url = new URL(value, base);
      return url.protocol === "https:" || url.protocol === "http:" ? url : null;
    } catch (e) {
      return null;
    }
  }

  function luminance(hex) {
    const full = hex.length === 4 ? "#" + hex[1] + hex[1] + hex[2] + hex[2] + hex[3] + hex[3] : hex;
    const channel = function (i) {
      const c = parseInt(full.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  }

  // A colour is used only if white text on it (and it on white) keeps WCAG's 4.5:1.
  function colour(value) {
    if (!value) return null;
    if (/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) && 1.05 / (luminance(value) + 0.05) >= 4.5) {
      return value;
    }
    console.warn("Treaty Navigator: ignoring colour " + value + " (use #rrggbb with 4.5:1 contrast on white)");
    return null;
  }

  const data = script.dataset;
  const scriptUrl = httpUrl(script.src, document.baseURI);
  const serverUrl = httpUrl(data.server || (scriptUrl ? scriptUrl.origin : ""), document.baseURI);
  if (!serverUrl) {
    console.error("Treaty Navigator: set data-server to the gateway's address");
    return;
  }
  const server = serverUrl.origin;
  const exitUrl = (httpUrl(data.exitUrl || "", document.baseURI) || new URL(DEFAULT_EXIT_URL)).href;
  const mode = data.mode === "page" ? "page" : data.target ? "inline" : "floating";
  const firstLanguage = ((data.language || navigator.language || "en").toLowerCase().split(/[-_]/)[0]);

  // ---- state, kept in this tab only --------------------------------------------------------

  function freshState() {
    return { v: 1, session: null, startId: null, started: false, open: false, language: null,
             labels: null, log: [], outbox: [] };
  }

  function loadState() {
    try {
      const kept = JSON.parse(sessionStorage.getItem(KEY) || "null");
      if (kept && kept.v === 1 && Array.isArray(kept.log) && Array.isArray(kept.outbox)) return kept;
    } catch (e) {
      /* no storage (private mode, blocked): the widget still works for this page view */
    }
    return freshState();
  }

  let state = loadState();
  let labels = Object.assign({}, ENGLISH, state.labels || {});
  let leaving = false;

  // Nothing is written until a conversation starts: a visitor who never opens the chat
  // leaves no trace of it in the tab.
  function save() {
    if (leaving || !state.started) return;
    if (state.log.length > MAX_LOG) state.log = state.log.slice(-MAX_LOG);
    try {
      sessionStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      /* storage full or blocked: keep going in memory */
    }
  }

  function forgetLocally() {
    try {
      sessionStorage.removeItem(KEY);
    } catch (e) {
      /* nothing was stored */
    }
  }

  function newId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // ---- building the interface (textContent only) -------------------------------------------

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      const value = attributes[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  const named = []; // [element, label name, where]: "text" or an attribute
  function label(node, name, where) {
    named.push([node, name, where || "text"]);
    return node;
  }

  const host = el("div", { class: "treaty-navigator-widget", "data-mode": mode });
  host.style.setProperty("visibility", "hidden"); // until our style sheet has loaded
  const accent = colour(data.color);
  const exitColour = colour(data.exitColor);
  if (accent) host.style.setProperty("--tn-accent", accent);
  if (exitColour) host.style.setProperty("--tn-exit", exitColour);
  const shadow = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  const sheet = el("link", { rel: "stylesheet", href: server + "/widget.css" });
  let shown = false;
  function show() {
    if (shown) return;
    shown = true;
    host.style.removeProperty("visibility");
  }
  sheet.addEventListener("load", show);
  sheet.addEventListener("error", show);
  setTimeout(show, 4000);

  function exitButton() {
    const lights = el("span", { class: "tn-lights", "aria-hidden": "true" },
                      [el("span", { class: "tn-light" }), el("span", { class: "tn-light" }),
                       el("span", { class: "tn-light" })]);
    const button = el("button", { type: "button", class: "tn-exit" }, [label(el("span"), "exit"), lights]);
    button.addEventListener("click", quickExit);
    return button;
  }

  const headingTag = mode === "page" ? "h1" : "h2";
  const exitTop = exitButton();
  const exitBar = mode === "floating" ? exitButton() : null;
  const about = label(el("button", { type: "button", class: "tn-link", "aria-expanded": "false",
                                     "aria-controls": "tn-exit-help" }), "exit_about");
  const help = el("div", { id: "tn-exit-help", class: "tn-exit-help", hidden: true },
                  [label(el("p"), "exit_help")]);
  const minimise = mode === "floating"
    ? label(el("button", { type: "button", class: "tn-minimise" }, [el("span", { "aria-hidden": "true", text: "—" })]),
            "minimise", "aria-label")
    : null;
  const messages = el("ol", { class: "tn-messages" });
  const log = label(el("div", { class: "tn-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
                                tabindex: "0" }, [messages]), "conversation", "aria-label");
  const typing = el("div", { class: "tn-typing", hidden: true, "aria-hidden": "true" },
                    [el("span"), el("span"), el("span")]);
  const status = el("p", { class: "tn-status", role: "status" });
  const retry = label(el("button", { type: "button", class: "tn-retry", hidden: true }), "try_again");
  const input = el("textarea", { id: "tn-text", rows: "2", autocomplete: "off", dir: "auto" });
  const sendButton = label(el("button", { type: "submit", class: "tn-send" }), "send");
  const form = el("form", { class: "tn-composer", autocomplete: "off" }, [
    label(el("label", { for: "tn-text", class: "tn-visually-hidden" }), "your_message"),
    input,
    sendButton,
  ]);
  const shiftNotice = el("span", { class: "tn-visually-hidden", role: "status" });
  // The way out comes first, on every screen and in the tab order; it stays at the top.
  const tools = el("div", { class: "tn-tools" }, [exitTop, minimise]);
  const header = el("header", { class: "tn-header" }, [
    el(headingTag, { id: "tn-title", class: "tn-title", text: TITLE }),
    label(el("p", { class: "tn-note" }), "note"),
    about,
  ]);
  const panel = el(mode === "page" ? "main" : "section",
                   { class: "tn-panel", "aria-labelledby": "tn-title", hidden: mode === "floating" }, [
    tools, header, help, log, typing, el("div", { class: "tn-statusbar" }, [status, retry]), form,
  ]);
  const launcher = mode === "floating"
    ? label(el("button", { type: "button", class: "tn-launcher", "aria-expanded": "false" }), "open")
    : null;
  const bar = mode === "floating" ? el("div", { class: "tn-bar" }, [exitBar, launcher]) : null;
  const root = el(mode === "floating" ? "aside" : "div", { class: "tn", "data-mode": mode },
                  [panel, bar, shiftNotice]);
  if (mode === "floating") root.setAttribute("aria-label", TITLE);

  function applyLabels(given) {
    if (given && typeof given === "object") {
      Object.keys(ENGLISH).forEach(function (name) {
        if (typeof given[name] === "string" && given[name]) labels[name] = given[name];
      });
      state.labels = Object.assign({}, labels);
    }
    named.forEach(function (entry) {
      if (entry[2] === "text") entry[0].textContent = labels[entry[1]];
      else entry[0].setAttribute(entry[2], labels[entry[1]]);
    });
    messages.querySelectorAll(".tn-speaker").forEach(function (node) {
      node.textContent = labels[node.getAttribute("data-speaker")] + " ";
    });
    messages.querySelectorAll(".tn-state[data-state]").forEach(function (node) {
      node.textContent = labels[node.getAttribute("data-state")] || "";
    });
  }

  function applyLanguage(language) {
    if (LANGUAGES.indexOf(language) < 0) return;
    state.language = language;
    const dir = RTL.indexOf(language) >= 0 ? "rtl" : "ltr";
    root.setAttribute("lang", language);
    root.setAttribute("dir", dir);
    if (mode === "page") {
      document.documentElement.lang = language;
      document.documentElement.dir = dir;
    }
  }

  // ---- the conversation on screen ------------------------------------------------------------

  const items = {}; // entry id -> <li>

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
    // Large text on a small screen: the whole panel scrolls. Otherwise it must not move (an
    // overflow:hidden panel still scrolls when told to, and would hide the exit button).
    if (getComputedStyle(panel).overflowY === "auto") panel.scrollTop = panel.scrollHeight;
    else panel.scrollTop = 0;
  }

  function choiceLocked() {
    return state.outbox.some(function (item) { return item.payload !== undefined; });
  }

  function refreshChoices() {
    const locked = choiceLocked();
    state.log.forEach(function (entry) {
      const item = items[entry.id];
      if (!item || !entry.buttons) return;
      item.querySelectorAll(".tn-choices button").forEach(function (button) {
        button.disabled = !entry.active || locked;
      });
    });
  }

  function renderEntry(entry) {
    const item = el("li", { class: "tn-msg tn-" + entry.who }, [
      el("span", { class: "tn-speaker tn-visually-hidden", "data-speaker": entry.who === "me" ? "you" : "assistant",
                   text: labels[entry.who === "me" ? "you" : "assistant"] + " " }),
      el("span", { class: "tn-text", dir: "auto", text: entry.text }),
    ]);
    if (entry.buttons && entry.buttons.length) {
      const row = el("div", { class: "tn-choices" });
      entry.buttons.forEach(function (choice) {
        const button = el("button", { type: "button", text: choice.title });
        button.addEventListener("click", function () { choose(entry, choice); });
        row.appendChild(button);
      });
      item.appendChild(row);
    }
    if (entry.who === "me") item.appendChild(el("span", { class: "tn-state", "aria-hidden": "true" }));
    items[entry.id] = item;
    messages.appendChild(item);
    markItem(entry);
    return item;
  }

  function markItem(entry) {
    const node = items[entry.id] && items[entry.id].querySelector(".tn-state");
    if (!node) return;
    const shown = entry.state === "sent" ? "" : entry.state;
    node.textContent = shown ? labels[shown] : "";
    if (shown) node.setAttribute("data-state", shown);
    else node.removeAttribute("data-state");
    items[entry.id].setAttribute("data-state", entry.state || "sent");
  }

  function mark(id, value) {
    state.log.forEach(function (entry) {
      if (entry.id === id) {
        entry.state = value;
        markItem(entry);
      }
    });
  }

  function addEntry(entry) {
    state.log.push(entry);
    renderEntry(entry);
    scrollToEnd();
  }

  // A reply to an accepted message replaces the earlier options; a refusal or an outage
  // ("please send it again") leaves them usable.
  function addBotMessages(list, accepted) {
    if (accepted) state.log.forEach(function (entry) { entry.active = false; });
    (Array.isArray(list) ? list : []).forEach(function (message) {
      if (!message || typeof message !== "object") return;
      const text = typeof message.text === "string" ? message.text : "";
      const buttons = (Array.isArray(message.buttons) ? message.buttons : []).filter(function (b) {
        return b && typeof b.title === "string" && typeof b.payload === "string";
      }).map(function (b) { return { title: b.title, payload: b.payload }; });
      if (!text && !buttons.length) return; // a kind of message the web cannot show
      addEntry({ id: newId(), who: "bot", text: text, buttons: buttons, active: buttons.length > 0 });
    });
    refreshChoices();
  }

  // ---- talking to the gateway ------------------------------------------------------------------

  function Transient() {}

  async function call(method, path, body) {
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = controller ? setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
    try {
      const response = await fetch(server + path, {
        method: method,
        headers: body ? { "Content-Type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer",
        signal: controller ? controller.signal : undefined,
      });
      let answer = null;
      try {
        answer = await response.json();
      } catch (e) {
        answer = null;
      }
      // Only the gateway's own JSON is an answer; a proxy's error page means "try again".
      if (!answer || typeof answer !== "object" || (path !== "/api/labels" && !Array.isArray(answer.messages))) {
        throw new Transient();
      }
      return { status: response.status, data: answer };
    } catch (e) {
      throw new Transient();
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  let pumping = false;
  let attempt = 0;
  let retryTimer = null;
  let typingTimer = null;

  function busy(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) {
      typingTimer = setTimeout(function () { if (!typing.hidden) setStatus(labels.typing, false); }, 1200);
      scrollToEnd();
    } else if (status.textContent === labels.typing) {
      setStatus("", false);
    }
  }

  function setStatus(text, offerRetry) {
    status.textContent = text || "";
    retry.hidden = !offerRetry;
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    const delay = Math.min(30000, 1000 * Math.pow(2, attempt)) * (0.8 + Math.random() * 0.4);
    attempt += 1;
    retryTimer = setTimeout(pump, delay);
  }

  function connectionLost() {
    setStatus(labels.offline, true);
    scheduleRetry();
  }

  function connectionBack() {
    attempt = 0;
    if (status.textContent === labels.offline) setStatus("", false);
  }

  function answerArrived(data) {
    applyLanguage(data.language);
    applyLabels(data.labels);
  }

  async function startSession() {
    if (!state.startId) state.startId = newId(); // a resent start gets the same conversation
    save();
    busy(true);
    let reply;
    try {
      reply = await call("POST", "/api/session", { language: state.language || firstLanguage, id: state.startId });
    } catch (e) {
      if (!leaving) connectionLost();
      return false;
    }
    if (leaving) return false;
    connectionBack();
    answerArrived(reply.data);
    const ok = reply.status === 200 && typeof reply.data.session === "string";
    // Keep the session only once the greeting (with its privacy notice) was shown.
    addBotMessages(reply.data.messages, ok);
    state.startId = null;
    if (ok) state.session = reply.data.session;
    else setStatus("", true);
    save();
    return ok;
  }

  async function sendNext() {
    const item = state.outbox[0];
    mark(item.id, "sending");
    busy(true);
    const body = { session: state.session, id: item.id };
    if (item.payload !== undefined) body.payload = item.payload;
    else body.text = item.text;
    let reply;
    try {
      reply = await call("POST", "/api/messages", body);
    } catch (e) {
      if (!leaving) {
        mark(item.id, "waiting");
        connectionLost();
      }
      return false;
    }
    if (leaving) return false;
    connectionBack();
    state.outbox.shift();
    answerArrived(reply.data);
    if (reply.data.error === "bad_session") state.session = null; // start afresh
    const accepted = reply.status === 200;
    mark(item.id, accepted ? "sent" : "refused");
    if (!accepted && item.text !== undefined) {
      if (!input.value) input.value = item.text; // nothing typed is lost
      setStatus(labels.not_sent, false);
    }
    addBotMessages(reply.data.messages, accepted);
    if (reply.data.erased) conversationErased();
    return true;
  }

  // Sends what waits in the outbox, one message at a time and in order. A network failure
  // keeps the message and tries again later with the same id: the gateway answers a
  // repeated id with its first answer, so nothing is lost and nothing happens twice.
  async function pump() {
    if (pumping || leaving) return;
    pumping = true;
    clearTimeout(retryTimer);
    try {
      for (;;) {
        if (leaving) return;
        if (!state.session) {
          if (!state.started || !(await startSession())) return;
          continue;
        }
        if (!state.outbox.length || !(await sendNext())) return;
        save();
      }
    } finally {
      pumping = false;
      if (!leaving) {
        busy(false);
        refreshChoices();
        save();
      }
    }
  }

  function enqueue(item, echo) {
    addEntry({ id: item.id, who: "me", text: echo, state: "sending" });
    state.outbox.push(item);
    refreshChoices();
    save();
    pump();
  }

  function choose(entry, choice) {
    if (!entry.active || choiceLocked()) return;
    const focused = shadow.activeElement;
    enqueue({ id: newId(), payload: choice.payload }, choice.title);
    if (focused && focused.closest && focused.closest(".tn-choices")) input.focus(); // it was just disabled
  }

  function submitText() {
    const text = input.value;
    if (!text.trim()) return;
    if (!state.session && !state.started) {
      // After "delete my data": a new conversation begins with its greeting; the text stays.
      state.started = true;
      pump();
      return;
    }
    input.value = "";
    if (status.textContent === labels.not_sent) setStatus("", false);
    enqueue({ id: newId(), text: text }, text);
  }

  function conversationErased() {
    // Everything the bot held is deleted; so is this tab's copy. The screen keeps the text
    // until the page is left, as the bot's message explains.
    forgetLocally();
    const keep = state;
    state = freshState();
    state.language = keep.language;
    state.labels = keep.labels;
    state.open = keep.open;
  }

  // ---- quick exit (GOV.UK's "Exit this page") -----------------------------------------------

  function tellServer(session, startId) {
    if (!session && !startId) return;
    const body = JSON.stringify(session ? { session: session } : { start: startId });
    try {
      // A simple request (text/plain) needs no preflight and outlives the page (keepalive).
      fetch(server + "/api/exit", { method: "POST", body: body, keepalive: true, mode: "no-cors",
                                    credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer",
                                    headers: { "Content-Type": "text/plain;charset=UTF-8" } })
        .catch(function () {});
    } catch (e) {
      if (navigator.sendBeacon) navigator.sendBeacon(server + "/api/exit", body);
    }
  }

  function quickExit() {
    if (leaving) return;
    const session = state.session;
    const startId = state.startId;
    leaving = true;
    forgetLocally();
    state = freshState();
    tellServer(session, startId);
    clearTimeout(retryTimer);
    // Blank the conversation at once: the next site may take a while to load.
    while (messages.firstChild) messages.removeChild(messages.firstChild);
    input.value = "";
    const overlay = el("div", { class: "tn-overlay", role: "alert" });
    root.appendChild(overlay);
    overlay.textContent = labels.leaving;
    if (mode === "page") document.title = labels.leaving;
    // The neutral site must not learn where the person came from (the NGO's page).
    const noReferrer = document.createElement("meta");
    noReferrer.name = "referrer";
    noReferrer.content = "no-referrer";
    document.head.appendChild(noReferrer);
    window.location.replace(exitUrl);
  }

  // Shift pressed on its own 3 times, each within 5 seconds of the last: any other key resets.
  // Shift used for a capital letter does not count (the letter's keyup carries shiftKey).
  let shiftCount = 0;
  let shiftTimer = null;
  let lastKeyModified = false;
  function lights(count) {
    [exitTop, exitBar].forEach(function (button) {
      if (!button) return;
      button.classList.toggle("tn-counting", count > 0);
      button.querySelectorAll(".tn-light").forEach(function (light, index) {
        light.classList.toggle("tn-on", index < count);
      });
    });
  }
  function resetShift() {
    clearTimeout(shiftTimer);
    shiftTimer = null;
    shiftCount = 0;
    lights(0);
    shiftNotice.textContent = labels.shift_expired;
    setTimeout(function () { if (!shiftTimer) shiftNotice.textContent = ""; }, SHIFT_WINDOW_MS);
  }
  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !lastKeyModified) {
      shiftCount += 1;
      lights(shiftCount);
      clearTimeout(shiftTimer);
      if (shiftCount >= 3) {
        shiftCount = 0;
        quickExit();
        return;
      }
      shiftNotice.textContent = shiftCount === 1 ? labels.shift_two : labels.shift_one;
      shiftTimer = setTimeout(resetShift, SHIFT_WINDOW_MS);
    } else if (shiftTimer) {
      resetShift();
    }
    lastKeyModified = event.shiftKey;
  }, true);

  // ---- opening, closing, typing ----------------------------------------------------------------

  // On a phone (or with large text) the open chat fills the screen: the page behind it is made
  // inert, so Tab and screen readers stay in the chat instead of wandering into hidden content.
  const fillsScreen = window.matchMedia ? window.matchMedia("(max-width: 32em), (max-height: 32em)") : null;
  let madeInert = [];
  function updateInert() {
    madeInert.forEach(function (node) { node.inert = false; });
    madeInert = [];
    if (mode !== "floating" || !state.open || !fillsScreen || !fillsScreen.matches) return;
    Array.prototype.forEach.call(document.body.children, function (node) {
      if (node !== host && !node.inert) { node.inert = true; madeInert.push(node); }
    });
  }
  if (fillsScreen && fillsScreen.addEventListener) fillsScreen.addEventListener("change", updateInert);

  function openPanel(focus) {
    state.open = true;
    state.started = true;
    panel.hidden = false;
    updateInert();
    if (bar) bar.hidden = true;
    if (launcher) launcher.setAttribute("aria-expanded", "true");
    save();
    scrollToEnd();
    if (focus) input.focus();
    pump();
  }

  function minimisePanel() {
    state.open = false;
    panel.hidden = true;
    updateInert();
    if (bar) bar.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    save();
    launcher.focus();
  }

  about.addEventListener("click", function () {
    const open = help.hidden;
    help.hidden = !open;
    about.setAttribute("aria-expanded", open ? "true" : "false");
  });
  retry.addEventListener("click", function () {
    attempt = 0;
    setStatus("", false);
    pump();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submitText();
  });
  input.addEventListener("keydown", function (event) {
    // Enter sends, Shift+Enter is a new line; never while an input method is composing (zh).
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submitText();
    }
  });
  if (mode === "floating") {
    launcher.addEventListener("click", function () { openPanel(true); });
    minimise.addEventListener("click", minimisePanel);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") minimisePanel();
    });
  }
  window.addEventListener("online", function () { attempt = 0; pump(); });
  window.addEventListener("offline", function () {
    if (state.outbox.length) setStatus(labels.offline, true);
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && leaving) window.location.replace(exitUrl); // never show the chat again
  });

  // ---- start ---------------------------------------------------------------------------------

  applyLanguage(state.language || (LANGUAGES.indexOf(firstLanguage) >= 0 ? firstLanguage : "en"));
  applyLabels(null);
  state.log.forEach(renderEntry); // restored before the log is on the page: not announced again
  state.outbox.forEach(function (item) { mark(item.id, "waiting"); });
  refreshChoices();
  shadow.appendChild(sheet);
  shadow.appendChild(root);

  function target() {
    try {
      return document.querySelector(data.target) || document.body;
    } catch (e) {
      return document.body; // not a valid selector
    }
  }

  function mount() {
    if (mode === "page") {
      document.title = TITLE;
      document.body.style.setProperty("margin", "0");
    }
    (mode === "inline" ? target() : document.body).appendChild(host);
    start();
  }

  function start() {
    if (!state.labels) {
      call("GET", "/api/labels?language=" + encodeURIComponent(firstLanguage))
        .then(function (reply) {
          if (!state.labels) {
            applyLanguage(reply.data.language);
            applyLabels(reply.data.labels);
            state.labels = null; // not stored until a conversation starts
          }
        })
        .catch(function () { /* English until the gateway answers */ });
    }
    if (mode !== "floating" || state.open) openPanel(false);
    else if (state.outbox.length) pump();
  }

  // A page may load the script in its <head> without defer: wait for the body then.
  if (document.body && document.readyState !== "loading") mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
