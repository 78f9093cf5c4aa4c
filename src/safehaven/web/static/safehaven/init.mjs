// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// Two minutes before an idle session ends, say so (the server signs out after
// data-session-minutes without a request; reloading the page counts as activity).
const minutes = Number(document.body.dataset.sessionMinutes);
const warning = document.getElementById("session-warning");
if (warning && minutes > 2) {
  setTimeout(() => {
    warning.hidden = false;
  }, (minutes - 2) * 60 * 1000);
}
