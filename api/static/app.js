// tonecheck page: checks the draft as you type, highlights flagged spans (UTF-16 offsets, as JS strings
// count), shows why and what to say instead, applies suggestions, and sends "not helpful" feedback.
"use strict";

const DEBOUNCE_MS = 300;
const $ = (id) => document.getElementById(id);
const els = {
  customer: $("customer"), draft: $("draft"), backdrop: $("backdrop"), marked: $("marked"),
  verdict: $("verdict"), score: $("score"), meter: $("score-meter"), summaryText: $("summary-text"),
  lang: $("lang"), detected: $("detected"), findings: $("findings"), count: $("count"),
  rewrite: $("rewrite"), useRewrite: $("use-rewrite"), copyRewrite: $("copy-rewrite"),
  copyDraft: $("copy-draft"), checkNow: $("check-now"), status: $("status"),
  keyBox: $("key-box"), apiKey: $("api-key"),
};
const VERDICT_TEXT = { send: "Ready to send", review: "Worth a second look", rewrite: "Rewrite before sending" };

let timer = null;
let inflight = null;
let sequence = 0;
let report = null;       // the last report shown
let checkedText = null;  // the draft that report describes

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function headers(json = true) {
  const h = json ? { "Content-Type": "application/json" } : {};
  const key = sessionStorage.getItem("tonecheck-key");
  if (key) h.Authorization = `Bearer ${key}`;
  return h;
}

async function api(path, body, signal) {
  const response = await fetch(path, body === undefined ? { headers: headers(false) } : {
    method: "POST", headers: headers(), body: JSON.stringify(body), signal,
  });
  if (response.status === 401) {
    els.keyBox.hidden = false;
    throw new Error("This service needs an API key: enter it at the top.");
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error(data?.error?.message || `The service answered ${response.status}.`);
  return data;
}

function schedule(delay = DEBOUNCE_MS) {
  clearTimeout(timer);
  timer = setTimeout(runCheck, delay);
}

async function runCheck() {
  clearTimeout(timer);
  const reply = els.draft.value;
  if (!reply.trim()) { render(null, ""); return; }
  if (inflight) inflight.abort();
  inflight = new AbortController();
  const mine = ++sequence;
  const request = { reply, customer: els.customer.value.trim() || null };
  if (els.lang.value !== "auto") request.lang = els.lang.value;
  els.status.textContent = "Checking…";
  try {
    const result = await api("/v1/check", request, inflight.signal);
    if (mine !== sequence) return;
    els.status.textContent = "";
    render(result, reply);
  } catch (error) {
    if (error.name === "AbortError" || mine !== sequence) return;
    els.status.textContent = error.message;
  }
}

// The draft cut at every finding's start and end: each piece knows every finding that covers it (the
// narrowest first), so a word flagged inside a flagged sentence keeps its own highlight and card.
function segments(findings) {
  const rank = { info: 0, warning: 1, error: 2 };
  const spans = findings.filter((f) => f.end_utf16 > f.start_utf16);
  const cuts = [...new Set(spans.flatMap((f) => [f.start_utf16, f.end_utf16]))].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    const items = spans.filter((f) => f.start_utf16 <= start && f.end_utf16 >= end)
      .sort((a, b) => (a.end_utf16 - a.start_utf16) - (b.end_utf16 - b.start_utf16));
    if (!items.length) continue;
    const severity = items.reduce((top, f) => (rank[f.severity] > rank[top] ? f.severity : top), "info");
    out.push({ start, end, severity, items, depth: items.length });
  }
  return out;
}

function direction(result) {
  return result && (result.language === "he" || els.lang.value === "he") ? "rtl" : "auto";
}

function renderBackdrop(text, spans) {
  els.backdrop.replaceChildren();
  let at = 0;
  for (const g of spans) {
    const cls = `sev-${g.severity}${g.depth > 1 ? " nested" : ""}`;
    els.backdrop.append(text.slice(at, g.start), el("mark", { class: cls }, text.slice(g.start, g.end)));
    at = g.end;
  }
  els.backdrop.append(text.slice(at) + "\n");
  syncScroll();
}

function suggestionButtons(f) {
  if (!f.suggestions.length) return null;
  return el("div", { class: "suggestions" },
    ...f.suggestions.map((value) => el("button", {
      type: "button", class: "suggestion", "data-rule": f.rule_id, dir: "auto",
      title: value ? `Replace “${f.text}” with “${value}”` : `Delete “${f.text}”`,
      onclick: () => applySuggestion(f, value),
    }, value || "Delete it")));
}

function feedbackButton(f) {
  return el("button", {
    type: "button", class: "not-helpful",
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        await api("/v1/feedback", { fingerprint: f.fingerprint, rule_id: f.rule_id,
          language: report?.language || "und", verdict: "false_positive" });
        button.textContent = "Thanks, noted";
      } catch (error) {
        button.disabled = false;
        els.status.textContent = error.message;
      }
    },
  }, "Not helpful");
}

function card(f) {
  return el("div", { class: `card sev-${f.severity}` },
    el("p", { class: "card-head" },
      el("span", { class: "badge" }, f.severity), " ",
      el("span", { class: "category" }, f.category.replaceAll("_", " ")), " ",
      el("span", { class: "guideline", title: "Guideline" }, f.guideline)),
    el("p", { class: "message", dir: "auto" }, f.message),
    suggestionButtons(f),
    feedbackButton(f));
}

function renderMarked(text, spans, dir) {
  els.marked.replaceChildren();
  els.marked.dir = dir;
  let at = 0;
  spans.forEach((g, index) => {
    els.marked.append(text.slice(at, g.start));
    const tipId = `tip-${index}`;
    els.marked.append(el("span", { class: "flag" },
      el("mark", { class: `sev-${g.severity}${g.depth > 1 ? " nested" : ""}`, tabindex: "0", "aria-describedby": tipId,
        "data-start": String(g.start) }, text.slice(g.start, g.end)),
      el("span", { class: "tip", id: tipId, role: "group", "aria-label": "Why this was flagged" }, ...g.items.map(card))));
    at = g.end;
  });
  els.marked.append(text.slice(at));
}

function renderFindings(findings) {
  els.findings.replaceChildren(...findings.map((f) => el("li", {}, el("q", { class: "quoted", dir: "auto" }, f.text || "—"), card(f))));
  els.count.textContent = findings.length ? `(${findings.length})` : "";
}

function renderSummary(result) {
  els.verdict.dataset.verdict = result ? result.verdict : "none";
  els.verdict.textContent = result ? VERDICT_TEXT[result.verdict] : "—";
  els.score.textContent = result ? String(result.score) : "–";
  els.meter.value = result ? result.score : 0;
  const n = result ? result.findings.length : 0;
  els.summaryText.textContent = result
    ? `${n ? `${n} line${n === 1 ? "" : "s"} may read badly.` : "Nothing flagged."}`
      + (result.notices.length ? ` ${result.notices.map((x) => x.message).join(" ")}` : "")
    : "Type a draft to check it.";
  const option = [...els.lang.options].find((o) => o.value === result?.language);
  els.detected.textContent = result
    ? `${result.language_source === "given" ? "Checking as" : "Detected"}: ${option ? option.textContent : result.language}`
      + (result.language_source === "detected" ? ` (${Math.round(result.language_confidence * 100)}%)` : "")
    : "";
}

function render(result, text) {
  report = result;
  checkedText = text;
  const spans = result ? segments(result.findings) : [];
  const dir = direction(result);
  for (const node of [els.draft, els.backdrop, els.rewrite]) node.dir = dir;
  renderBackdrop(els.draft.value === text ? text : els.draft.value, els.draft.value === text ? spans : []);
  renderMarked(text, spans, dir);
  renderFindings(result ? result.findings : []);
  renderSummary(result);
  const rewrite = result && result.rewrite !== text ? result.rewrite : "";
  els.rewrite.textContent = rewrite || (result ? "No changes to suggest." : "");
  els.useRewrite.disabled = els.copyRewrite.disabled = !rewrite;
}

function setDraft(value, caret) {
  els.draft.value = value;
  els.draft.focus();
  if (caret != null) els.draft.setSelectionRange(caret, caret);
  runCheck();
}

function applySuggestion(f, value) {
  if (els.draft.value !== checkedText) { els.status.textContent = "The draft changed; checking again first."; runCheck(); return; }
  const text = els.draft.value;
  setDraft(text.slice(0, f.start_utf16) + value + text.slice(f.end_utf16), f.start_utf16 + value.length);
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const scratch = el("textarea", { class: "scratch" });
    scratch.value = text;
    document.body.append(scratch);
    scratch.select();
    document.execCommand("copy");
    scratch.remove();
  }
  els.status.textContent = `${what} copied.`;
}

function syncScroll() {
  els.backdrop.scrollTop = els.draft.scrollTop;
  els.backdrop.scrollLeft = els.draft.scrollLeft;
}

async function loadLanguages() {
  try {
    for (const info of await api("/v1/languages")) {
      const codes = info.code === "pt" ? ["pt-BR", "pt-PT"] : [info.code];
      for (const code of codes) {
        const native = info.native_name !== info.name ? ` (${info.native_name})` : "";
        const label = code === info.code ? `${info.name}${native}` : `${info.name} (${code})`;
        els.lang.append(el("option", { value: code }, label));
      }
    }
  } catch (error) {
    els.status.textContent = error.message;
  }
}

els.draft.addEventListener("input", () => {
  if (report) renderBackdrop(els.draft.value, []);
  schedule();
});
els.customer.addEventListener("input", () => schedule());
els.draft.addEventListener("scroll", syncScroll);
els.lang.addEventListener("change", () => runCheck());
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); runCheck(); }
});
els.checkNow.addEventListener("click", () => runCheck());
els.useRewrite.addEventListener("click", () => { if (report) setDraft(report.rewrite); });
els.copyRewrite.addEventListener("click", () => copy(report ? report.rewrite : "", "Rewrite"));
els.copyDraft.addEventListener("click", () => copy(els.draft.value, "Draft"));
els.apiKey.addEventListener("change", () => {
  sessionStorage.setItem("tonecheck-key", els.apiKey.value.trim());
  loadLanguages();
  runCheck();
});
loadLanguages();
