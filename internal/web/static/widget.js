/* Loa – trợ lý ảo nhúng cho cổng thông tin của bộ, ngành, địa phương.
 * Cách nhúng: <script src="https://loa.example/static/widget.js" data-agency="UBND-01" defer></script>
 * Không dùng cookie, không thư viện ngoài; nút và khung chat dùng được bằng bàn phím và trình đọc màn hình. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var base = new URL(script.src, location.href).origin;
  var agency = script.getAttribute("data-agency") || "";
  var key = "loa-conversation";
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = base + "/static/widget.css";
  document.head.appendChild(css);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, attrs[k]); } }
    if (text) { e.textContent = text; }
    return e;
  }

  var root = el("div", { "class": "loa-widget" });
  var toggle = el("button", { "type": "button", "class": "loa-toggle", "aria-expanded": "false", "aria-controls": "loa-panel" }, "Hỏi trợ lý dịch vụ công");
  var panel = el("section", { "id": "loa-panel", "class": "loa-panel", "aria-labelledby": "loa-title", "hidden": "" });
  var head = el("div", { "class": "loa-head" });
  head.appendChild(el("h2", { "id": "loa-title" }, "Trợ lý dịch vụ công"));
  var close = el("button", { "type": "button", "class": "loa-close", "aria-label": "Đóng trợ lý" }, "×");
  head.appendChild(close);
  var log = el("div", { "class": "loa-log", "role": "log", "aria-live": "polite", "tabindex": "0", "aria-label": "Cuộc trò chuyện" });
  log.appendChild(el("p", { "class": "loa-bot" }, "Xin chào! Bạn cần làm thủ tục gì? Ví dụ: làm căn cước, đăng ký khai sinh, gia hạn thẻ BHYT. Có thể gõ không dấu."));
  var form = el("form", { "class": "loa-form" });
  var label = el("label", { "for": "loa-q" }, "Câu hỏi của bạn");
  var input = el("input", { "id": "loa-q", "name": "question", "maxlength": "1000", "autocomplete": "off", "required": "" });
  var send = el("button", { "type": "submit" }, "Gửi");
  form.appendChild(label); form.appendChild(input); form.appendChild(send);
  panel.appendChild(head); panel.appendChild(log); panel.appendChild(form);
  root.appendChild(toggle); root.appendChild(panel);
  document.body.appendChild(root);

  function open(show) {
    if (show) { panel.removeAttribute("hidden"); input.focus(); } else { panel.setAttribute("hidden", ""); toggle.focus(); }
    toggle.setAttribute("aria-expanded", show ? "true" : "false");
  }
  toggle.addEventListener("click", function () { open(panel.hasAttribute("hidden")); });
  close.addEventListener("click", function () { open(false); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { open(false); } });

  function say(cls, text) { var p = el("p", { "class": cls }, text); log.appendChild(p); log.scrollTop = log.scrollHeight; return p; }

  function show(a) {
    var box = el("div", { "class": "loa-bot" });
    box.appendChild(el("p", {}, a.answer || ""));
    (a.sources || []).forEach(function (s) {
      var link = el("a", { "href": base + s.url, "target": "_blank", "rel": "noopener" }, "Xem hướng dẫn: " + s.title);
      box.appendChild(el("p", {})).appendChild(link);
    });
    if (a.options && a.options.length) {
      var list = el("div", { "class": "loa-options", "role": "group", "aria-label": "Chọn thủ tục" });
      a.options.forEach(function (o) {
        var b = el("button", { "type": "button" }, o.title);
        b.addEventListener("click", function () { ask(o.title); });
        list.appendChild(b);
      });
      box.appendChild(list);
    }
    log.appendChild(box);
    log.scrollTop = log.scrollHeight;
  }

  function ask(q) {
    say("loa-me", q);
    var body = { question: q, channel: "widget", conversation_id: sessionStorage.getItem(key) || "" };
    if (agency) { body.agency = agency; }
    send.disabled = true;
    fetch(base + "/api/v1/assistant/ask", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (!res.ok) { say("loa-bot loa-error", (res.j.error && res.j.error.message) || "Có lỗi, vui lòng thử lại."); return; }
        if (res.j.conversation_id) { sessionStorage.setItem(key, res.j.conversation_id); }
        show(res.j);
      })
      .catch(function () { say("loa-bot loa-error", "Không kết nối được. Vui lòng kiểm tra mạng và thử lại."); })
      .then(function () { send.disabled = false; input.focus(); });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    if (!q) { return; }
    input.value = "";
    ask(q);
  });
})();
