// Fields asked only after a choice: the guardian's, once "under 15" is chosen. The server
// shows them when the form comes back with that choice; this shows them at once, and hides
// them again for another choice. While hidden their controls are disabled too, so that what
// was typed in them is not sent. The choice's own place and the focus stay where they are.
document.querySelectorAll("fieldset[data-shown-by]").forEach((group) => {
  const choice = document.getElementById(group.dataset.shownBy);
  if (!choice) return;
  const update = () => {
    const shown = choice.value === group.dataset.shownFor;
    group.hidden = !shown;
    for (const control of group.elements) control.disabled = !shown;
  };
  choice.addEventListener("change", update);
  // A browser that restores the form's values (going back to the page) restores the choice.
  update();
});
