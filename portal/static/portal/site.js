// Turns guarded e-mail addresses ("name (at) domain") into ordinary mailto links.
// The address is kept reversed and base64-encoded in the page so that scrapers miss it.
document.querySelectorAll(".protected-email[data-address]").forEach((element) => {
  const address = atob(element.dataset.address).split("").reverse().join("");
  const link = document.createElement("a");
  link.href = "mailto:" + address;
  link.textContent = address;
  element.replaceChildren(link);
});

// A form that posts back to its own page must not take the address's fragment along (#main after
// the skip link, #id_name after a link in the error summary): the browser would scroll to that
// element when the page comes back, and move the focus away from the error summary.
document.querySelectorAll('form[method="post"]:not([action]), form[method="post"][action=""]')
  .forEach((form) => form.setAttribute("action", location.pathname + location.search));

// After a form comes back with errors, take keyboard and screen-reader users to the summary.
document.getElementById("error-summary")?.focus();
