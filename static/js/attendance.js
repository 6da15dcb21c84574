// Taking attendance on a phone (templates/courses/facilitator/session.html). Each participant's tick is a
// form of its own that works without this script: it posts and the page comes back to the row. With the
// script, the tick is posted in the background, so the page stays where it is: the button shows the new
// state at once, the status line says what was saved ("Saved: Maria Ek attended."), and when the save
// fails the tick goes back to what it was and the status line says so. The texts come translated from
// the form's data attributes.
(function () {
  "use strict";
  var status = document.querySelector("[data-attendance-status]");
  var count = document.querySelector("[data-attended-count]");

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function show(button, attended) {
    button.setAttribute("aria-pressed", attended ? "true" : "false");
    button.value = attended ? "0" : "1"; // what the next press asks for
    button.classList.toggle("button-secondary", !attended);
    var box = button.querySelector("[data-tick-box]");
    if (box) {
      box.textContent = attended ? "\u2611" : "\u2610";
    }
  }

  document.querySelectorAll("form[data-attendance-form]").forEach(function (form) {
    var button = form.querySelector("button[name='attended']");
    var busy = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) {
        return;
      }
      busy = true;
      var wasAttended = button.getAttribute("aria-pressed") === "true";
      var body = new FormData(form);
      body.set("attended", wasAttended ? "0" : "1");
      show(button, !wasAttended);
      fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: {
          "X-CSRFToken": form.querySelector("input[name='csrfmiddlewaretoken']").value,
          "X-Requested-With": "XMLHttpRequest",
          Accept: "application/json",
        },
      })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (data) {
              if (!response.ok || typeof data.attended !== "boolean") {
                throw new Error(data.error || "");
              }
              return data;
            });
        })
        .then(function (data) {
          show(button, data.attended);
          if (count && typeof data.count === "number") {
            count.textContent = String(data.count);
          }
          say(form.getAttribute(data.attended ? "data-saved-yes" : "data-saved-no"));
        })
        .catch(function (error) {
          show(button, wasAttended);
          say(error && error.message ? error.message : form.getAttribute("data-failed"));
        })
        .then(function () {
          busy = false;
        });
    });
  });
})();
