// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Bring keyboard and screen-reader focus to the list of problems after a failed save.
  const summary = document.getElementById("error-summary");
  if (summary) {
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
});
