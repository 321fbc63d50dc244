// chiso: mounts ODK Web Forms (the ODK project's own engine and renderer) on a survey page.
// The page carries the XForm URL, the submission URL and the CSRF token as data attributes;
// nothing inline, so the page's CSP stays 'self' (+ 'wasm-unsafe-eval' for the XPath parser).
import { createApp, h } from "./odk/vue.js";
import { OdkWebForm, webFormsPlugin } from "./odk/index.js";

function csrf(root) {
  var input = root.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

async function start(root) {
  var formUrl = root.getAttribute("data-form-url");
  var submitUrl = root.getAttribute("data-submit-url");
  var thanksUrl = root.getAttribute("data-thanks-url");
  var response = await fetch(formUrl, { credentials: "same-origin" });
  var xml = await response.text();
  if (!response.ok) {
    var box = root.querySelector("[data-submit-msg]");
    if (box) { box.textContent = "Không tải được biểu mẫu. Xin tải lại trang."; box.hidden = false; }
    return;
  }
  var host = document.createElement("div");
  host.className = "odk-host";
  root.appendChild(host);
  var app = createApp({
    render: function () {
      return h(OdkWebForm, {
        formXml: xml,
        fetchFormAttachment: function () { return Promise.resolve(new Response("", { status: 404 })); },
        missingResourceBehavior: "BLANK",
        onSubmit: function (payload, callback) {
          var box = root.querySelector("[data-submit-msg]");
          if (root.hasAttribute("data-preview")) {
            if (box) { box.textContent = "Xem trước: phiếu hợp lệ nhưng không được gửi."; box.hidden = false; }
            if (callback) callback({ status: "failure" });
            return;
          }
          // the engine's payload: data is [FormData] holding the instance as xml_submission_file
          var data = Array.isArray(payload.data) ? payload.data[0] : payload.data;
          var body = new FormData();
          var file = data && data.get ? data.get("xml_submission_file") : null;
          body.append("xml_submission_file", file);
          root.querySelectorAll("input[type=hidden]").forEach(function (el) { body.append(el.name, el.value); });
          var agency = root.querySelector("select[name=co_quan]");
          if (agency) body.append("co_quan", agency.value);
          fetch(submitUrl, { method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": csrf(root), "Accept": "application/json" } })
            .then(function (r) { return r.json().then(function (j) { return [r, j]; }); })
            .then(function (pair) {
              var r = pair[0], j = pair[1];
              if (r.ok) {
                if (callback) callback({ status: "success" });
                window.location.assign(j.next || thanksUrl);
              } else {
                if (box) { box.textContent = j.message || "Chưa gửi được phiếu."; box.hidden = false; box.scrollIntoView({ block: "center" }); }
                if (callback) callback({ status: "failure" });
              }
            })
            .catch(function () {
              if (box) { box.textContent = "Không gửi được phiếu (mất kết nối?). Xin thử lại."; box.hidden = false; }
              if (callback) callback({ status: "failure" });
            });
        },
      });
    },
  });
  app.use(webFormsPlugin);
  app.mount(host);
}

// A module with top-level await in its imports may run after DOMContentLoaded.
function boot() {
  var root = document.querySelector("[data-odk-form]");
  if (root) start(root);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
