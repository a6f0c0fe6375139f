// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Put focus on a form control named by a link (#id): the error summary's links, the
  // review page's links to a step and the reviewer's "Send back" link to the comment. Its label (or the question of a group) is scrolled into
  // view with it.
  function focusControl(id) {
    const control = id ? document.getElementById(id) : null;
    if (!control || !control.matches("input, select, textarea")) {
      return false;
    }
    const group = control.closest("fieldset");
    const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
    (group && control.type === "radio" ? group : label || control).scrollIntoView();
    control.focus({ preventScroll: true });
    return true;
  }

  document.querySelectorAll('#error-summary a[href^="#"], a[data-focus-control]').forEach((link) => {
    link.addEventListener("click", (event) => {
      if (focusControl(decodeURIComponent(link.hash.slice(1)))) {
        event.preventDefault();
      }
    });
  });

  // Arriving at a control's link, focus it; otherwise after a failed save bring keyboard and
  // screen-reader focus to the list of problems.
  const summary = document.getElementById("error-summary");
  if (!focusControl(decodeURIComponent(window.location.hash.slice(1))) && summary) {
    summary.focus();
  }

  // Ask before destructive buttons marked with data-confirm.
  document.querySelectorAll("[data-confirm]").forEach((button) => {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  // Fields that depend on an answer: shown only while the answer calls for them. The server
  // applies the same rule, so without JavaScript every field is simply visible.
  const conditionals = Array.from(document.querySelectorAll("[data-show-if]"));

  function controllerInputs(container) {
    return Array.from(document.getElementsByName(container.dataset.showIf));
  }

  function controllerValue(inputs) {
    if (inputs.length === 0) {
      return "";
    }
    if (inputs[0].type === "checkbox") {
      return inputs[0].checked ? "True" : "False";
    }
    if (inputs[0].type === "radio") {
      const checked = inputs.find((input) => input.checked);
      return checked ? checked.value : "";
    }
    return inputs[0].value;
  }

  function isShown(container) {
    const inputs = controllerInputs(container);
    const allowed = container.dataset.showValues.split(" ");
    const parent = inputs.length ? inputs[0].closest("[data-show-if]") : null;
    return allowed.includes(controllerValue(inputs)) && (!parent || isShown(parent));
  }

  function update() {
    conditionals.forEach((container) => {
      container.hidden = !isShown(container);
    });
  }

  if (conditionals.length) {
    document.addEventListener("change", update);
    update();
  }

  // Step 1 of the wizard: show the report's deadlines as soon as its form, period end and
  // filer status are filled in. The server computes them; this only asks it again on change.
  const preview = document.getElementById("deadline-preview");
  if (preview) {
    const form = preview.closest("form");
    const names = [
      "registrant",
      "registrant_search",
      "form_type",
      "filer_status",
      "period_end",
      "distribution_date",
      "transmission_date",
      "is_erisa_plan",
      "is_transition_report",
      "transition_period_end",
      "transition_decision_date",
      "is_amendment",
    ];
    let latest = 0;
    let lastQuery = null;
    const refresh = () => {
      // Only what is shown counts: the server discards what a hidden field holds.
      const params = new URLSearchParams();
      names.forEach((name) => {
        Array.from(form.querySelectorAll(`[name="${name}"]`))
          .filter((input) => {
            const container = input.closest("[data-show-if]");
            return !container || isShown(container);
          })
          .filter((input) => !["radio", "checkbox"].includes(input.type) || input.checked)
          .forEach((input) => params.set(name, input.value));
      });
      // A started notice's registrant is not on the page; its record still counts (a unit
      // investment trust's N-CEN, for one).
      if (preview.dataset.registrant && !params.has("registrant")) {
        params.set("registrant", preview.dataset.registrant);
      }
      const query = params.toString();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      const request = ++latest;
      fetch(`${preview.dataset.previewUrl}?${query}`, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.text() : null))
        .then((html) => {
          if (html !== null && request === latest) {
            preview.innerHTML = html;
          }
        })
        .catch(() => {});
    };
    // Asked a moment after a change, or after typing stops in a date; not when the change is
    // the blur of pressing Next, whose page shows the deadlines anyway.
    let timer = 0;
    const schedule = (delay) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, delay);
    };
    form.addEventListener("change", (event) => {
      if (names.includes(event.target.name)) {
        schedule(200);
      }
    });
    form.addEventListener("input", (event) => {
      if (names.includes(event.target.name) && event.target.type === "text") {
        schedule(600);
      }
    });
    form.addEventListener("submit", () => window.clearTimeout(timer));
    refresh();
  }
});
