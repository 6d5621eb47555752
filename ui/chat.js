() => {
  // The page's behaviour that Gradio's Chatbot has no option for. The server builds every piece
  // of text (ui/view.py); this only moves between them:
  //  1. copy: a message's plain text (the answer, then "Source: …" lines), not its markup;
  //  2. screen readers: each message labelled with that plain text, not raw HTML;
  //  3. a citation marker shows its passage in the evidence panel;
  //  4. a new reply scrolls so that its first line is visible (not its last).
  if (window.__careerChat) return;
  window.__careerChat = true;

  const ROLE_PREFIX = /^(user|bot|assistant)'s message: /;

  // A message's markup -> its plain text: the hidden copy text of a reply, the literal text of a
  // user's message; null when the markup is not one of ours.
  function plainText(markup) {
    if (typeof markup !== "string" || markup.indexOf('class="') < 0) return null;
    const box = document.createElement("template");
    box.innerHTML = markup;
    const root = box.content;
    const parts = [];
    for (const el of root.querySelectorAll(".copy-text, .user-text")) {
      const clone = el.cloneNode(true);
      for (const br of clone.querySelectorAll("br")) br.replaceWith("\n");
      parts.push(clone.textContent);
    }
    return parts.length ? parts.join("\n\n") : null;
  }

  // 1. Copy. Gradio copies a message's content string; ours is markup, so both the Clipboard API
  // and the execCommand fallback (plain-http pages) get the plain text instead.
  if (navigator.clipboard && navigator.clipboard.writeText) {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text) => write(plainText(text) ?? text);
  }
  document.addEventListener("copy", (event) => {
    const el = event.target;
    if (!el || el.tagName !== "TEXTAREA") return;
    const plain = plainText(el.value);
    if (plain === null) return;
    event.clipboardData.setData("text/plain", plain);
    event.preventDefault();
  }, true);

  // 2. Labels. Gradio labels a message "<role>'s message: <content>", content being our markup.
  function relabel(el) {
    const label = el.getAttribute("aria-label") || "";
    const match = ROLE_PREFIX.exec(label);
    if (!match) return;
    const plain = plainText(label.slice(match[0].length));
    if (plain === null) return;
    el.setAttribute("aria-label", (match[1] === "user" ? "You: " : "Assistant: ") + plain);
  }

  // 3. Citation markers -> the passage in the evidence panel.
  function showPassage(rid, n) {
    const panel = document.getElementById("evidence");
    if (!panel) return false;
    const section = panel.querySelector("#ev-r" + rid);
    const passage = section && section.querySelector("#ev-" + rid + "-" + n);
    if (!passage) return false;
    for (const other of panel.querySelectorAll(".ev-reply")) other.hidden = other !== section;
    const box = document.getElementById("evidence-box");
    const toggle = box && box.querySelector("button[aria-expanded='false']");
    if (toggle) toggle.click();  // the panel was folded away (narrow screens)
    const folded = passage.closest("details");
    if (folded) folded.open = true;
    for (const old of panel.querySelectorAll(".is-selected")) old.classList.remove("is-selected");
    passage.classList.add("is-selected");
    requestAnimationFrame(() => {
      passage.scrollIntoView({ block: "nearest", behavior: "instant" });
      passage.focus({ preventScroll: true });
    });
    return true;
  }
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a.cite");
    if (!link) return;
    const match = /#ev-(\d+)-(\d+)$/.exec(link.getAttribute("href") || "");
    if (!match) return;
    event.preventDefault();
    event.stopPropagation();
    showPassage(match[1], match[2]);
  }, true);

  // 4. New replies: scroll the chat so the reply's first line is at the top of the view.
  let lastReply = -1;
  function scroller(el) {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight) return node;
    }
    return null;
  }
  function revealNewReply(chat) {
    const replies = chat.querySelectorAll(".reply");
    const last = replies[replies.length - 1];
    if (!last) { lastReply = -1; return; }
    const match = /\brid-(\d+)\b/.exec(last.className);
    const rid = match ? Number(match[1]) : -1;
    if (rid === lastReply) return;
    lastReply = rid;
    const box = scroller(last);
    if (!box) return;
    const offset = last.getBoundingClientRect().top - box.getBoundingClientRect().top;
    box.scrollTop += offset - 12;
  }

  function sweep() {
    const chat = document.getElementById("chat");
    if (!chat) return;
    for (const el of chat.querySelectorAll("[aria-label]")) relabel(el);
    revealNewReply(chat);
  }
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; sweep(); });
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"] });
  sweep();
}
