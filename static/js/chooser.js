// Choosers (registrants/choosers.py): as the user types, ask the server for the matching
// records and offer them in the box's <datalist>. Without this script the box is a plain text
// input, and the server finds the record from what was typed.
(function () {
  "use strict";

  document.querySelectorAll("input[data-chooser-url]").forEach((box) => {
    const options = document.getElementById(box.getAttribute("list"));
    let latest = 0;
    let timer = null;
    const ask = () => {
      const url = new URL(box.dataset.chooserUrl, window.location.href);
      url.searchParams.set("q", box.value.trim());
      const other = box.dataset.chooserWith && box.form.elements[box.dataset.chooserWith];
      if (other) {
        url.searchParams.set(box.dataset.chooserWith, other.value.trim());
      }
      const request = ++latest;
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .then((answer) => {
          if (answer === null || request !== latest) {
            return;
          }
          options.replaceChildren(
            ...answer.suggestions.map((label) => {
              const option = document.createElement("option");
              option.value = label;
              return option;
            }),
          );
        });
    };
    box.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 150);
    });
    box.addEventListener("focus", ask);
  });
})();
