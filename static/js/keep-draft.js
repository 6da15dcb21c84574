// Keeps what was typed in a long form (marked data-keep-draft) across a failed round trip: when the
// session ended while the form was open, the post goes to the sign-in page and back to an empty or
// older form. On send, the form's textareas are kept in this tab's sessionStorage; when the page
// comes back with something else in a field, the kept text is put back and the person is told (the
// attribute's value is the message, translated by the template). Read once, then removed; a
// successful send comes back with the same text, so nothing is put back. Signing out (the menu's form,
// marked data-clears-drafts, or any form posting where it posts, such as the sign-out page's) forgets
// every kept text, so the next person in this tab never sees it.
(function () {
  "use strict";
  var signOuts = Array.prototype.map.call(document.querySelectorAll("form[data-clears-drafts]"), function (form) {
    return form.action;
  });
  Array.prototype.filter.call(document.forms, function (form) {
    return signOuts.indexOf(form.action) !== -1;
  }).forEach(function (form) {
    form.addEventListener("submit", function () {
      try {
        Object.keys(window.sessionStorage)
          .filter(function (key) {
            return key.indexOf("keep-draft:") === 0;
          })
          .forEach(function (key) {
            window.sessionStorage.removeItem(key);
          });
      } catch (error) {
        // storage disabled: nothing was kept
      }
    });
  });
  document.querySelectorAll("form[data-keep-draft]").forEach(function (form, index) {
    var key = "keep-draft:" + window.location.pathname + ":" + index;
    var kept = null;
    try {
      kept = JSON.parse(window.sessionStorage.getItem(key) || "null");
      window.sessionStorage.removeItem(key);
    } catch (error) {
      return; // storage disabled: the form works as before
    }
    var restored = false;
    Object.keys(kept || {}).forEach(function (name) {
      var field = form.querySelector("textarea[name='" + name + "']");
      if (field && field.value.trim() !== kept[name].trim()) {
        field.value = kept[name];
        restored = true;
      }
    });
    if (restored) {
      var note = document.createElement("p");
      note.className = "notice";
      note.setAttribute("role", "status");
      note.textContent = form.getAttribute("data-keep-draft");
      form.parentNode.insertBefore(note, form);
    }
    form.addEventListener("submit", function () {
      var values = {};
      form.querySelectorAll("textarea[name]").forEach(function (field) {
        if (field.value.trim()) {
          values[field.name] = field.value;
        }
      });
      try {
        window.sessionStorage.setItem(key, JSON.stringify(values));
      } catch (error) {
        // full or disabled: nothing to keep
      }
    });
  });
})();
