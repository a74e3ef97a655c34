// Turns guarded e-mail addresses ("name (at) domain") into ordinary mailto links.
// The address is kept reversed and base64-encoded in the page so that scrapers miss it.
document.querySelectorAll(".protected-email[data-address]").forEach((element) => {
  const address = atob(element.dataset.address).split("").reverse().join("");
  const link = document.createElement("a");
  link.href = "mailto:" + address;
  link.textContent = address;
  element.replaceChildren(link);
});

// After a form comes back with errors, take keyboard and screen-reader users to the summary.
document.getElementById("error-summary")?.focus();
