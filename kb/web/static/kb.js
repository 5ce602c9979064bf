// kb: small enhancements; every page works without them.
"use strict";

// Filter forms marked data-autosubmit apply a change at once. The page reloads, so
// remember which control changed and give it the focus back: keyboard users keep their place.
const FOCUS_KEY = "kb-focus";

document.querySelectorAll("form[data-autosubmit]").forEach((form) => {
  form.addEventListener("change", (event) => {
    if (event.target.id) {
      sessionStorage.setItem(FOCUS_KEY, event.target.id);
    }
    form.requestSubmit();
  });
});

const focusId = sessionStorage.getItem(FOCUS_KEY);
if (focusId) {
  sessionStorage.removeItem(FOCUS_KEY);
  const control = document.getElementById(focusId);
  if (control) {
    control.focus({ preventScroll: false });
  }
}
