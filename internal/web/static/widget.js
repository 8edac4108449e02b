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

  /* Một đoạn văn bản, địa chỉ web trong đó thành liên kết (mở thẻ mới); phần còn lại là chữ thuần. */
  function linked(text) {
    var p = el("p", {});
    var re = /https?:\/\/[^\s<>"')\]]*[^\s<>"')\].,;:!?]/g, last = 0, m;
    while ((m = re.exec(text)) !== null) {
      p.appendChild(document.createTextNode(text.slice(last, m.index)));
      p.appendChild(el("a", { "href": m[0], "target": "_blank", "rel": "noopener" }, m[0]));
      last = m.index + m[0].length;
    }
    p.appendChild(document.createTextNode(text.slice(last)));
    return p;
  }

  function say(cls, text) { var p = el("p", { "class": cls }, text); log.appendChild(p); log.scrollTop = log.scrollHeight; return p; }

  function show(a) {
    var box = el("div", { "class": "loa-bot" });
    box.appendChild(linked(a.answer || ""));
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
    var bar = votes(a);
    if (bar) { log.appendChild(bar); }
    var rate = rating(a);
    if (rate) { log.appendChild(rate); }
    log.scrollTop = log.scrollHeight;
  }

  /* Hữu ích / Chưa hữu ích: nút thật, aria-pressed cho biết lựa chọn hiện tại; bấm nút kia để đổi ý. */
  function votes(a) {
    if (!a.turn || !a.conversation_id) { return null; }
    var bar = el("div", { "class": "loa-vote", "role": "group", "aria-label": "Đánh giá câu trả lời" });
    var up = el("button", { "type": "button", "aria-pressed": "false", "aria-label": "Câu trả lời này hữu ích" }, "👍 Hữu ích");
    var down = el("button", { "type": "button", "aria-pressed": "false", "aria-label": "Câu trả lời này chưa hữu ích" }, "👎 Chưa hữu ích");
    var status = el("span", { "class": "loa-vote-status", "role": "status" });
    function vote(v, btn, other) {
      btn.disabled = true;
      fetch(base + "/api/v1/assistant/feedback", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ conversation_id: a.conversation_id, turn: a.turn, vote: v }) })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
        .then(function (res) {
          if (!res.ok) { status.textContent = (res.j.error && res.j.error.message) || "Chưa gửi được đánh giá."; return; }
          btn.setAttribute("aria-pressed", "true");
          other.setAttribute("aria-pressed", "false");
          status.textContent = "Cảm ơn bạn đã đánh giá.";
        })
        .catch(function () { status.textContent = "Không kết nối được, chưa gửi được đánh giá."; })
        .then(function () { btn.disabled = false; });
    }
    up.addEventListener("click", function () { vote("up", up, down); });
    down.addEventListener("click", function () { vote("down", down, up); });
    bar.appendChild(up); bar.appendChild(down); bar.appendChild(status);
    return bar;
  }

  /* Đánh giá dịch vụ (5 mức như khảo sát SIPAS) sau câu trả lời về một thủ tục, một lần cho mỗi thủ tục trong phiên.
   * Idempotency-Key: gửi lại khi mất mạng không tạo hai đánh giá. */
  var levels = [[5, "Rất hài lòng"], [4, "Hài lòng"], [3, "Bình thường"], [2, "Không hài lòng"], [1, "Rất không hài lòng"]];
  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16); crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  }
  function rating(a) {
    var src = a.status === "answered" && a.sources && a.sources[0];
    if (!src || sessionStorage.getItem("loa-rated-" + src.slug)) { return null; }
    var bar = el("div", { "class": "loa-vote loa-rate", "role": "group", "aria-label": "Bạn hài lòng với dịch vụ " + src.title + " không?" });
    bar.appendChild(el("span", {}, "Bạn đã làm thủ tục này? Mức độ hài lòng:"));
    var status = el("span", { "class": "loa-vote-status", "role": "status" });
    var key = newKey();
    function send(level, tries) {
      return fetch(base + "/api/v1/ratings", { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify({ service: src.slug, level: level, source: "assistant" }) })
        .catch(function (e) { if (tries > 1) { return send(level, tries - 1); } throw e; });
    }
    levels.forEach(function (l) {
      var b = el("button", { "type": "button" }, l[1]);
      b.addEventListener("click", function () {
        Array.prototype.forEach.call(bar.querySelectorAll("button"), function (x) { x.disabled = true; });
        send(l[0], 2)
          .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
          .then(function (res) {
            if (!res.ok) {
              status.textContent = (res.j.error && res.j.error.message) || "Chưa gửi được đánh giá.";
              Array.prototype.forEach.call(bar.querySelectorAll("button"), function (x) { x.disabled = false; });
              return;
            }
            sessionStorage.setItem("loa-rated-" + src.slug, "1");
            b.setAttribute("aria-pressed", "true");
            status.textContent = "Cảm ơn bạn đã đánh giá dịch vụ.";
          })
          .catch(function () {
            status.textContent = "Không kết nối được, chưa gửi được đánh giá.";
            Array.prototype.forEach.call(bar.querySelectorAll("button"), function (x) { x.disabled = false; });
          });
      });
      bar.appendChild(b);
    });
    bar.appendChild(status);
    return bar;
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
