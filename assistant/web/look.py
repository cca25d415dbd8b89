"""The web app's look: its CSS (WCAG AA colours), the Gradio theme, and a page script that keeps
the page Dutch (`<html lang="nl">`, Dutch texts for Gradio's own buttons, messages.WEB_GRADIO_TEXTS).

Static: no component and no event here (layout.py), nothing about what is shown (render.py).
"""

from __future__ import annotations

import json

from .. import messages as msg

# Colours chosen for WCAG AA (4.5:1 or more on their background): text #1f2937/#374151 on white,
# primary buttons white on #1d4ed8 (6.7:1), placeholders #4b5563 (7.6:1), links #1d4ed8.
CSS = """
#kop h1 {font-size: 1.6rem; margin: 0.2em 0 0.1em 0;}
#kop p {margin: 0; color: #374151;}
#bronnen h3 {font-size: 1rem; margin: 0 0 0.2em 0;}
#bronnen .bron {padding: 0.4em 0.6em; margin: 0 0 0.8em 0; border-left: 4px solid #cbd5e1; border-radius: 4px;
  scroll-margin-top: 1em;}
#bronnen .bron:target, #bronnen .bron.actief {border-left-color: #1d4ed8; background: #eff6ff;
  outline: 2px solid #1d4ed8;}
#bronnen .bron mark {background: #fde68a; color: #1f2937; padding: 0 2px;}
#bronnen .bron blockquote {margin: 0.4em 0; padding-left: 0.6em; border-left: 2px solid #e5e7eb;}
#bronnen .bron details {margin: 0.3em 0;}
#bronnen .meta {font-size: 0.9em; color: #374151; margin: 0;}
#bronnen .oud, #bronnen .ocr {display: inline-block; background: #7c2d12; color: #fff; font-size: 0.8em;
  padding: 0 0.4em; border-radius: 3px; font-weight: normal;}
#bronnen .ocr {background: #1e3a8a;}
#bronnen .niet-gebruikt {border-left-color: #9ca3af; background: #f9fafb;}
#bronnen .niet-gebruikt .label {display: inline-block; background: #374151; color: #fff; font-size: 0.8em;
  padding: 0 0.4em; border-radius: 3px; margin: 0 0 0.3em 0;}
#bronnen .uitleg, #bronnen .leeg {color: #374151;}
#gesprek a, #gesprek .prose a, #gesprek .md a {color: #1d4ed8 !important; text-decoration: underline;}
#gesprek .md.chatbot.prose {opacity: 1 !important;}
#documenten, #documenten * {font-family: var(--font) !important;}
::placeholder {color: #4b5563 !important; opacity: 1;}
button[role="tab"][aria-selected="true"] {color: #1d4ed8 !important;}
button[role="tab"] {color: #1f2937;}
@media (min-width: 701px) {
  #bronnen {max-height: 78vh; overflow-y: auto !important; padding-right: 4px;}  /* Gradio sets .block visible */
}
@media (max-width: 700px) {
  .gradio-container {padding: 4px !important;}
  #gesprek {height: 60vh !important;}
  .tab-wrapper .tab-container button {padding: 0.3em 0.35em !important; font-size: 0.875rem !important;}
  .tab-wrapper .tab-container {gap: 0 !important;}
}
"""

# The page is Dutch whatever the browser says: <html lang="nl"> (Gradio sets it from the browser's
# locale, so it is set back), and Gradio's own English texts, many of them hard-coded in its
# components, are replaced by their Dutch from messages.WEB_GRADIO_TEXTS as they appear.
HEAD_SCRIPT = """<script>
(function () {
  var texts = %(texts)s, prefixes = %(prefixes)s, attributes = ["aria-label", "title", "placeholder"];
  function dutch(value) {
    if (!value) { return null; }
    var key = value.trim();
    if (Object.prototype.hasOwnProperty.call(texts, key)) { return value.replace(key, texts[key]); }
    for (var p in prefixes) { if (key.indexOf(p) === 0) { return prefixes[p] + key.slice(p.length); } }
    return null;
  }
  function fix(root) {
    if (root.nodeType === 3) {
      var t = dutch(root.nodeValue); if (t !== null) { root.nodeValue = t; } return;
    }
    if (root.nodeType !== 1) { return; }
    var all = [root].concat(Array.prototype.slice.call(root.querySelectorAll("*")));
    all.forEach(function (el) {
      attributes.forEach(function (a) {
        var v = el.getAttribute(a), t = dutch(v); if (t !== null && t !== v) { el.setAttribute(a, t); }
      });
      el.childNodes.forEach(function (n) {
        if (n.nodeType === 3) { var t = dutch(n.nodeValue); if (t !== null) { n.nodeValue = t; } }
      });
    });
  }
  function lang() { if (document.documentElement.lang !== "nl") { document.documentElement.lang = "nl"; } }
  lang();
  new MutationObserver(function (changes) {
    lang();
    changes.forEach(function (c) {
      if (c.type === "childList") { c.addedNodes.forEach(fix); }
      else if (c.type === "characterData") { fix(c.target); }
      else if (c.type === "attributes" && c.target.nodeType === 1 && c.attributeName !== "lang") {
        var v = c.target.getAttribute(c.attributeName), t = dutch(v);
        if (t !== null && t !== v) { c.target.setAttribute(c.attributeName, t); }
      }
    });
  }).observe(document.documentElement, {subtree: true, childList: true, characterData: true, attributes: true,
                                         attributeFilter: attributes.concat(["lang"])});
  document.addEventListener("DOMContentLoaded", function () { fix(document.body); });
})();
</script>"""


def head() -> str:
    return HEAD_SCRIPT % {"texts": json.dumps(msg.WEB_GRADIO_TEXTS, ensure_ascii=False),
                          "prefixes": json.dumps(msg.WEB_GRADIO_PREFIXES, ensure_ascii=False)}


def theme():
    import gradio as gr

    return gr.themes.Soft(primary_hue="blue", neutral_hue="slate").set(
        button_primary_background_fill="#1d4ed8", button_primary_background_fill_hover="#1e40af",
        button_primary_text_color="#ffffff", button_primary_background_fill_dark="#1d4ed8",
        block_label_text_color="#1f2937", block_label_background_fill="#e2e8f0",
        block_title_text_color="#1f2937", block_info_text_color="#374151",
        body_text_color_subdued="#374151", input_placeholder_color="#4b5563",
        link_text_color="#1d4ed8", link_text_color_visited="#6d28d9",
        checkbox_label_text_color="#1f2937",
        button_secondary_text_color="#1f2937",
        color_accent_soft="#dbeafe",
    )


def launch_options() -> dict:
    """What Gradio 6 takes at launch rather than in Blocks: the look and the page head."""
    return {"css": CSS, "head": head(), "theme": theme()}
