// claimdesk pages: progressive enhancement only. Every form works without
// this file; with it, the "new case" form re-checks the case with the
// policy engine as the customer changes it, so the decision, fees, refund
// and help-center answers stay current without pressing "Check".
(function () {
  "use strict";

  // swapInner replaces the content of a live region, keeping the region
  // itself so that screen readers announce the change.
  function swapInner(doc, id) {
    var fresh = doc.getElementById(id);
    var old = document.getElementById(id);
    if (fresh && old && fresh.innerHTML !== old.innerHTML) {
      old.innerHTML = fresh.innerHTML;
    }
  }

  function swap(doc, id) {
    var fresh = doc.getElementById(id);
    var old = document.getElementById(id);
    if (fresh && old) {
      old.replaceWith(fresh);
    }
  }

  // syncDescription moves the description's error (the vague-description
  // flag) and its ARIA state into the page without touching the textarea,
  // so focus and caret stay where they are.
  function syncDescription(doc) {
    var slot = document.getElementById("description-error-slot");
    var freshSlot = doc.getElementById("description-error-slot");
    var ta = document.getElementById("description");
    var freshTa = doc.getElementById("description");
    var field = document.getElementById("description-field");
    var freshField = doc.getElementById("description-field");
    if (!slot || !freshSlot || !ta || !freshTa) {
      return;
    }
    slot.innerHTML = freshSlot.innerHTML;
    ["aria-invalid", "aria-describedby"].forEach(function (a) {
      if (freshTa.hasAttribute(a)) {
        ta.setAttribute(a, freshTa.getAttribute(a));
      } else {
        ta.removeAttribute(a);
      }
    });
    if (field && freshField) {
      field.className = freshField.className;
    }
  }

  function live(form) {
    var timer = null;
    var seq = 0;
    var lastKind = (form.querySelector("input[name=kind]:checked") || {}).value || "";

    function refresh(structural) {
      var data = new URLSearchParams(new FormData(form));
      data.set("action", "check");
      var mine = ++seq;
      form.setAttribute("aria-busy", "true");
      // getAttribute, not form.action: the buttons named "action" shadow it.
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Live-Check": "1" }
      }).then(function (res) {
        return res.text();
      }).then(function (html) {
        if (mine !== seq) {
          return; // a newer check is on its way
        }
        var doc = new DOMParser().parseFromString(html, "text/html");
        swapInner(doc, "decision-body");
        swapInner(doc, "suggestions-body");
        if (structural) {
          swap(doc, "details-slot");
        }
        syncDescription(doc);
        var token = doc.getElementById("checked");
        if (token) {
          document.getElementById("checked").value = token.value;
        }
      }).catch(function () {
        // Offline or failed: the "Check" button still works.
      }).finally(function () {
        if (mine === seq) {
          form.removeAttribute("aria-busy");
        }
      });
    }

    form.addEventListener("change", function (ev) {
      var t = ev.target;
      if (t.name === "description") {
        return;
      }
      var kind = (form.querySelector("input[name=kind]:checked") || {}).value || "";
      var structural = kind !== lastKind || t.name === "sku";
      lastKind = kind;
      clearTimeout(timer);
      refresh(structural);
    });
    form.addEventListener("input", function (ev) {
      if (ev.target.name !== "description" && ev.target.type !== "number") {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(function () { refresh(false); }, 450);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-live]");
    for (var i = 0; i < forms.length; i++) {
      live(forms[i]);
    }
    // "Use in reply" buttons copy a help-center answer into the reply box;
    // they stay hidden without JavaScript, where they could not work.
    var buttons = document.querySelectorAll("button[data-insert]");
    for (var j = 0; j < buttons.length; j++) {
      buttons[j].hidden = false;
      buttons[j].addEventListener("click", function (ev) {
        var src = document.getElementById(ev.currentTarget.getAttribute("data-insert"));
        var body = document.getElementById("body");
        if (!src || !body) {
          return;
        }
        var text = Array.prototype.map.call(src.querySelectorAll("p"), function (p) { return p.textContent; }).join("\n");
        body.value = body.value ? body.value.replace(/\s*$/, "") + "\n\n" + text : text;
        body.focus();
      });
    }
    // "Use" on the macro picker fills the macro into the reply box in
    // place: the same request the button sends without JavaScript, with
    // the reply box and the macro's id taken from the page it returns.
    var use = document.querySelector("button[data-macro]");
    if (use) {
      use.addEventListener("click", function (ev) {
        var form = use.form;
        if (!form || !form.elements.macro.value) {
          return; // let the server say what is missing
        }
        ev.preventDefault();
        var data = new URLSearchParams(new FormData(form));
        data.set("use_macro", "1");
        fetch(form.getAttribute("action"), {
          method: "POST", body: data, credentials: "same-origin",
          headers: { "Content-Type": "application/x-www-form-urlencoded" }
        }).then(function (res) {
          return res.text();
        }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("body");
          var body = document.getElementById("body");
          if (!fresh || !body) {
            form.requestSubmit(use);
            return;
          }
          body.value = fresh.value;
          var id = doc.querySelector("input[name=macro_id]");
          var mine = form.querySelector("input[name=macro_id]");
          if (id && !mine) {
            mine = document.createElement("input");
            mine.type = "hidden";
            mine.name = "macro_id";
            form.appendChild(mine);
          }
          if (id) {
            mine.value = id.value;
          }
          body.focus();
        }).catch(function () {
          form.requestSubmit(use);
        });
      });
    }
    // The brand colour's hex follows the colour picker as it changes.
    var color = document.getElementById("brand_color");
    var hex = document.getElementById("brand_color-hex");
    if (color && hex) {
      color.addEventListener("input", function () {
        hex.textContent = color.value;
      });
    }
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  });
})();
