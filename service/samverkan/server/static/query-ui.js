// The query UI: YASGUI on this endpoint, examples in one grouped picker, results compacted with the
// project's prefixes and linked to the service's own pages, errors shown as the service's words.
(function () {
  "use strict";
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const examples = read("samverkan-examples");
  const prefixes = read("samverkan-prefixes");
  const local = read("samverkan-local");
  const endpoint = new URL(document.getElementById("endpoint").dataset.path, window.location.href).href;
  document.getElementById("endpoint").textContent = endpoint;

  // A Samverkan IRI opens its page on this service, not on w3id.org.
  function localHref(iri) {
    for (const [prefix, path] of local) {
      if (iri.startsWith(prefix)) return path + iri.slice(prefix.length);
    }
    return null;
  }

  function serviceError(error) {
    let text = error && error.text ? error.text : String(error && error.statusText ? error.statusText : error);
    try {
      const body = JSON.parse(text);
      if (body && body.detail) text = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch (ignored) { /* not JSON: shown as it came */ }
    const box = document.createElement("div");
    box.className = "samverkan-error";
    box.setAttribute("role", "alert");
    const status = document.createElement("strong");
    status.textContent = (error && error.status ? error.status + " " : "") + (error && error.statusText ? error.statusText : "");
    const message = document.createElement("pre");
    message.textContent = text;
    box.append(status, message);
    return Promise.resolve(box);
  }

  // Each tab builds its renderers from Yasr's defaults (after a CORS check), so set them there.
  Yasgui.Yasr.defaults.errorRenderers = [serviceError];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    yasqe: { value: examples[0].items[0].query },
    yasr: { prefixes: prefixes },
  });

  // Type `actor:digg` and run: the project's prefixes a query uses but does not declare are declared
  // in the editor (visibly) just before it is sent.
  const PREFIXED = /(?<![\w:?$.-])([A-Za-z](?:[\w.-]*[\w-])?):(?=[\w%])/g;
  const LITERALS = /"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*/g;
  function declareProjectPrefixes(yasqe) {
    const declared = yasqe.getPrefixesFromQuery();
    const missing = {};
    for (const match of yasqe.getValue().replace(LITERALS, " ").matchAll(PREFIXED)) {
      const name = match[1];
      if (prefixes[name] && !(name in declared)) missing[name] = prefixes[name];
    }
    if (Object.keys(missing).length) yasqe.addPrefixes(missing);
  }
  yasgui.on("queryBefore", (instance, tab) => declareProjectPrefixes(tab.getYasqe()));

  // A link to `/sparql#query=…` (the vocabulary page's ready queries) opens with that query.
  if (window.location.hash.startsWith("#query=")) {
    try {
      yasgui.getTab().setQuery(decodeURIComponent(window.location.hash.slice("#query=".length)));
    } catch (malformed) { /* a broken link: keep the default query */ }
  }

  const picker = document.getElementById("examples");
  picker.addEventListener("change", () => {
    const [group, item] = picker.value.split(":").map(Number);
    if (Number.isNaN(group)) return;
    const chosen = examples[group].items[item];
    const tab = yasgui.getTab();
    tab.setName(chosen.name);
    tab.setQuery(chosen.query);
  });

  // YASGUI's widgets, named for assistive technology (axe finds them unnamed otherwise).
  const NAMES = [
    [".yasgui .autocomplete", "SPARQL endpoint"],
    [".yasqe textarea", "SPARQL query"],
    [".yasr .tableSizer", "Rows per page"],
    [".yasr .tableFilter", "Filter the results"],
  ];
  function nameWidgets() {
    for (const [selector, name] of NAMES) {
      for (const element of document.querySelectorAll(selector)) {
        if (!element.hasAttribute("aria-label")) element.setAttribute("aria-label", name);
      }
    }
    // The tab strip holds buttons beside its tabs, which a tablist may not: keep it a plain list of links.
    for (const list of document.querySelectorAll(".yasgui .tabsList[role='tablist']")) {
      list.removeAttribute("role");
      for (const tab of list.querySelectorAll("[role='tab']")) {
        tab.removeAttribute("role");
        tab.removeAttribute("aria-selected");
      }
    }
  }

  // Links in the results: rewrite Samverkan IRIs to local pages as the table draws them.
  new MutationObserver(() => {
    nameWidgets();
    for (const anchor of document.querySelectorAll(".yasr a[href^='https://w3id.org/samverkan/']")) {
      const href = localHref(anchor.getAttribute("href"));
      if (href) {
        anchor.setAttribute("href", href);
        anchor.removeAttribute("target");
      }
    }
  }).observe(document.getElementById("yasgui"), { childList: true, subtree: true });
})();
