// Copy buttons of the filing summary: each copies its value to the clipboard and announces
// "Copied" through the page's live region. Without JavaScript the buttons stay hidden and the
// values can be selected by hand.
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("copy-status");
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        status.textContent = "";
        // A new text node each time, so that the same message is announced again.
        window.setTimeout(() => {
          status.textContent = "Copied";
        }, 50);
      } catch {
        status.textContent = "Could not copy: select the value and copy it by hand.";
      }
    });
  });
});
