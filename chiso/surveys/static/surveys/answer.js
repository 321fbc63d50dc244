// Survey form: skip logic, validation as you go, a draft kept in localStorage, offline notice.
(function () {
  "use strict";
  var PREFIX = "chiso-nhap-";

  function clearDrafts() {
    try {
      Object.keys(window.localStorage).forEach(function (k) { if (k.indexOf(PREFIX) === 0) window.localStorage.removeItem(k); });
    } catch (e) { /* storage may be disabled */ }
  }

  function values(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "_mo_luc" || el.disabled) return;
      var name = el.name.indexOf("m__") === 0 ? el.name.slice(3) : el.name;
      if (el.type === "checkbox") {
        if (!out[name]) out[name] = [];
        if (el.checked) out[name].push(el.value);
      } else if (el.type === "radio") {
        if (el.checked) out[name] = el.value;
      } else if (el.value !== "") {
        out[name] = el.value;
      }
    });
    return out;
  }

  function relevant(box, answers) {
    var raw = box.getAttribute("data-relevant");
    if (!raw) return true;
    var rule = JSON.parse(raw), given = answers[rule.q], v = rule.value;
    switch (rule.op || "eq") {
      case "eq": return given !== undefined && String(given) === String(v);
      case "ne": return given === undefined || String(given) !== String(v);
      case "in": return given !== undefined && v.map(String).indexOf(String(given)) >= 0;
      case "selected": return Array.isArray(given) && given.indexOf(String(v)) >= 0;
      case "gte": return given !== undefined && parseFloat(given) >= parseFloat(v);
      case "lte": return given !== undefined && parseFloat(given) <= parseFloat(v);
    }
    return true;
  }

  function check(box, answers) {
    var msg = box.querySelector("[data-msg]"), text = "";
    var kind = box.getAttribute("data-kind"), code = box.getAttribute("data-code");
    if (box.hidden) { text = ""; }
    else if (kind === "matrix") {
      var missing = 0;
      box.querySelectorAll("[data-row]").forEach(function (row) { if (answers[row.getAttribute("data-row")] === undefined) missing += 1; });
      if (missing && box.hasAttribute("data-required")) text = "Còn " + missing + " ý chưa đánh giá.";
    } else if (kind === "multiple") {
      if (box.hasAttribute("data-required") && !(answers[code] || []).length) text = "Vui lòng chọn ít nhất một phương án.";
    } else if (kind === "number") {
      var input = box.querySelector("input");
      if (input.value !== "" && !input.checkValidity()) text = "Giá trị phải từ " + (input.min || "…") + " đến " + (input.max || "…") + ".";
      else if (box.hasAttribute("data-required") && input.value === "") text = "Vui lòng trả lời câu hỏi này.";
    } else if (box.hasAttribute("data-required") && (answers[code] === undefined || answers[code] === "")) {
      text = "Vui lòng trả lời câu hỏi này.";
    }
    if (msg) msg.textContent = text;
    box.classList.toggle("sv-error", !!text);
    return !text;
  }

  function refresh(form, touched) {
    var answers = values(form);
    form.querySelectorAll(".sv-q").forEach(function (box) {
      var show = relevant(box, answers);
      box.hidden = !show;
      box.querySelectorAll("input, select, textarea").forEach(function (el) { el.disabled = !show; });
    });
    answers = values(form);
    if (touched) form.querySelectorAll(".sv-q").forEach(function (box) {
      if (touched === true || box.contains(touched)) check(box, answers);
    });
    return answers;
  }

  function save(form, key) {
    try { window.localStorage.setItem(key, JSON.stringify(values(form))); } catch (e) { /* full or disabled */ }
  }

  function restore(form, key) {
    var data;
    try { data = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { data = null; }
    if (!data) return false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "_mo_luc") return;
      var name = el.name.indexOf("m__") === 0 ? el.name.slice(3) : el.name, v = data[name];
      if (v === undefined) return;
      if (el.type === "checkbox") el.checked = Array.isArray(v) && v.indexOf(el.value) >= 0;
      else if (el.type === "radio") el.checked = String(v) === el.value;
      else el.value = v;
    });
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector("[data-clear-drafts]")) { clearDrafts(); return; }
    var form = document.querySelector("form.sv-form");
    if (!form) return;
    var key = form.getAttribute("data-draft-key");
    var hasServerErrors = !!document.getElementById("sv-errors");
    if (!hasServerErrors && restore(form, key)) {
      var note = document.createElement("p");
      note.className = "sv-restored"; note.setAttribute("role", "status");
      note.textContent = "Đã khôi phục phần trả lời đang làm dở trên máy này.";
      form.parentNode.insertBefore(note, form);
    }
    refresh(form, hasServerErrors ? true : null);
    form.addEventListener("change", function (e) { refresh(form, e.target); save(form, key); });
    form.addEventListener("input", function () { save(form, key); });
    var offline = document.querySelector("[data-offline]");
    function online() { if (offline) offline.hidden = navigator.onLine; }
    window.addEventListener("online", online); window.addEventListener("offline", online); online();
    form.addEventListener("submit", function (e) {
      save(form, key);
      refresh(form, true);
      var first = form.querySelector(".sv-q.sv-error");
      if (first) { e.preventDefault(); first.scrollIntoView({ block: "center" }); var input = first.querySelector("input, select, textarea"); if (input) input.focus(); return; }
      if (!navigator.onLine) { e.preventDefault(); if (offline) offline.hidden = false; }
    });
  });
})();
