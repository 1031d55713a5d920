// The public site's only script (progressive enhancement: every page works without it). Pages are served to many
// and kept, so nothing inline: the class GOV.UK Frontend's styles look for is set here, then its components
// (Exit this page and its Shift ×3 shortcut, the error summary's focus) start.
import { initAll } from '/assets/vendor/govuk-frontend.min.js';

document.body.classList.add('js-enabled');
if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported');
initAll();
