// Names and roles that the admin's own widgets leave out, for people who use a screen reader
// or a keyboard. Django's two-box selectors, date and time boxes and table-like inlines,
// select2's autocomplete and modeltranslation's language tabs are built by their scripts;
// this one fills in what they leave out, using the words already on the page.
(function () {
  "use strict";
  const translate = typeof window.gettext === "function" ? window.gettext : (text) => text;

  function text(element) {
    return element ? element.textContent.replace(/[:*]\s*$/, "").replace(/\s+/g, " ").trim() : "";
  }

  function nameIfMissing(element, name) {
    if (name && !element.hasAttribute("aria-label") && !element.hasAttribute("aria-labelledby")) {
      element.setAttribute("aria-label", name);
    }
  }

  function fieldLabel(element) {
    const row = element.closest(".form-row, .fieldBox, .form-multiline > div");
    const label = row && row.querySelector("label");
    return text(label);
  }

  // modeltranslation's tabs (jQuery UI's): the tab itself (role "tab") is what the keyboard
  // reaches and moves between with the arrow keys. The link inside it is made inert, so that
  // a tab holds nothing else to press or focus; a click on the tab chooses it through jQuery
  // UI's "active" option. Each tab is named with the field's label and the language's name.
  function languageTabs(root) {
    const jQuery = window.jQuery || (window.django && window.django.jQuery);
    for (const anchor of root.querySelectorAll(".ui-tabs-nav li[role=tab] > a.ui-tabs-anchor:not([inert])")) {
      const tab = anchor.parentElement;
      const panel = document.getElementById(tab.getAttribute("aria-controls") || "");
      const field = panel ? fieldLabel(panel.querySelector("input, textarea, select") || panel) : "";
      const language = anchor.getAttribute("title") || text(anchor);
      anchor.inert = true;
      tab.setAttribute("aria-label", field ? `${field}: ${language}` : language);
      tab.removeAttribute("aria-labelledby");
      tab.addEventListener("click", () => {
        const tabs = Array.from(tab.parentElement.querySelectorAll(":scope > li[role=tab]"));
        jQuery(tab.closest(".ui-tabs")).tabs("option", "active", tabs.indexOf(tab));
      });
    }
    const tabLists = root.querySelectorAll(".ui-tabs-nav[role=tablist]");
    for (const list of tabLists) nameIfMissing(list, translate("Languages"));
    const mainSwitch = document.getElementById("modeltranslation-main-switch");
    if (mainSwitch) nameIfMissing(mainSwitch, translate("Language of all fields"));
  }

  // Django's two-box selector puts a label on a bare span (an icon); an image may carry one.
  function selectorIcons(root) {
    for (const icon of root.querySelectorAll("span.help-tooltip[aria-label]:not([role])")) {
      icon.setAttribute("role", "img");
    }
  }

  // Date and time boxes: the field's name and "Date" or "Time" from the text before each box.
  function dateTimeBoxes(root) {
    for (const box of root.querySelectorAll("p.datetime input.vDateField, p.datetime input.vTimeField")) {
      if (box.labels && box.labels.length) continue;
      let part = "";
      for (let node = box.previousSibling; node; node = node.previousSibling) {
        if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
          part = text(node);
          break;
        }
      }
      nameIfMissing(box, [fieldLabel(box), part].filter(Boolean).join(", "));
    }
  }

  // Table-like inlines: each box is named by its column's heading and its row's number.
  function inlineCells(root) {
    for (const table of root.querySelectorAll(".tabular table")) {
      const headings = Array.from(table.querySelectorAll("thead th"));
      const rows = Array.from(table.querySelectorAll("tbody tr.form-row"));
      rows.forEach((row, index) => {
        const cells = Array.from(row.children);
        cells.forEach((cell, column) => {
          const heading = text(headings[column]);
          for (const control of cell.querySelectorAll("input:not([type=hidden]), select, textarea")) {
            if (control.labels && control.labels.length) continue;
            nameIfMissing(control, heading ? `${heading} ${index + 1}` : "");
          }
        });
      });
    }
  }

  // select2's autocomplete: its box and its search field take the field's name (after the
  // inline cells, whose name a select in a table-like inline has from its column).
  function autocompletes(root) {
    for (const select of root.querySelectorAll("select.admin-autocomplete")) {
      const name =
        fieldLabel(select) ||
        text(document.querySelector(`label[for="${select.id}"]`)) ||
        select.getAttribute("aria-label"); // a table-like inline's, from its column
      const container = select.nextElementSibling;
      if (!container) continue;
      for (const part of container.querySelectorAll("[role=combobox], [role=textbox], .select2-search__field")) {
        nameIfMissing(part, name);
      }
    }
  }

  function fillIn(root) {
    languageTabs(root);
    selectorIcons(root);
    dateTimeBoxes(root);
    inlineCells(root);
    autocompletes(root);
  }

  // The other scripts build their widgets when they are ready (some at "load", some later, an
  // inline's new row when it is added): whenever elements are added, look again, once a frame.
  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      fillIn(document);
    });
  }
  new MutationObserver(soon).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("load", soon);
  soon();
})();
