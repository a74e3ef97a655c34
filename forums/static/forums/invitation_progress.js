// Keeps the invitation counts on a meeting's admin page current while invitations are sent.
(function () {
  const box = document.querySelector(".invitation-progress[data-url]");
  if (!box) return;
  async function refresh() {
    try {
      const response = await fetch(box.dataset.url, { credentials: "same-origin" });
      if (!response.ok) return;
      const progress = await response.json();
      for (const [key, value] of Object.entries(progress)) {
        const cell = box.querySelector(`[data-count="${key}"]`);
        if (cell) cell.textContent = value;
      }
      if (progress.waiting > 0) setTimeout(refresh, 2000);
    } catch (error) {
      setTimeout(refresh, 5000);
    }
  }
  refresh();
})();
