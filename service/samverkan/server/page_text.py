"""The words of the HTML pages in Swedish and English (data lives in the graph; this is the frame)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # key: (sv, en)
    "skip": ("Hoppa till innehållet", "Skip to content"),
    "vocabulary_title": ("Vokabulären i bruk", "The vocabulary in use"),
    "vocabulary_intro": (
        "För varje klass: egenskaperna som dess instanser faktiskt har, hur ofta, ett exempel och en färdig fråga.",
        "For each class: the properties its instances actually carry, how often, an example and a ready query.",
    ),
    "classes": ("Klasser", "Classes"),
    "uses": ("Användningar", "Uses"),
    "with_it": ("Resurser med den", "Resources with it"),
    "example": ("Exempel", "Example"),
    "query": ("Fråga", "Query"),
    "open_query": ("Öppna frågan", "Open the query"),
    "vocabulary_link": ("Vokabulären i bruk: klasser och deras egenskaper", "The vocabulary in use: classes and their properties"),
    "query_title": ("SPARQL-frågor mot grafen", "SPARQL queries on the graph"),
    "endpoint": ("Ändpunkt", "Endpoint"),
    "query_union_note": (
        "standardgrafen är unionen av alla källors grafer; GRAPH ?g visar vem som säger vad.",
        "the default graph is the union of all source graphs; GRAPH ?g tells who says so.",
    ),
    "examples": ("Exempel", "Examples"),
    "choose_example": ("Välj en färdig fråga …", "Choose a ready-made query …"),
    "tour_examples": ("Rundtur", "Tour"),
    "gap_examples": ("Luckregler", "Gap rules"),
    "prefixes_note": (
        "Prefix per slag: actor:digg, goal:…, source:… (deklarera med PREFIX actor: <https://w3id.org/samverkan/id/actor/>).",
        "A prefix per kind: actor:digg, goal:…, source:… (declare with PREFIX actor: <https://w3id.org/samverkan/id/actor/>).",
    ),
    "nav": ("Huvudmeny", "Main menu"),
    "home": ("Start", "Home"),
    "actors": ("Aktörer", "Actors"),
    "gaps": ("Luckor", "Gaps"),
    "sparql": ("SPARQL-frågor", "SPARQL queries"),
    "ontology": ("Ontologi", "Ontology"),
    "notebooks": ("Notebooks", "Notebooks"),
    "other_language": ("English", "Svenska"),
    "search": ("Sök", "Search"),
    "search_label": ("Sök på namn (svenska eller engelska)", "Search by name (Swedish or English)"),
    "site_search": ("Sök i grafen", "Search the graph"),
    "tagline": (
        "Vem ansvarar för vad i svensk digital förvaltning: en öppen kunskapsgraf där varje uppgift har sin källa.",
        "Who is responsible for what in Swedish digital government: an open knowledge graph where every claim has its source.",
    ),
    "holds": ("Vad grafen innehåller", "What the graph holds"),
    "by_class": ("Per klass", "By class"),
    "by_source": ("Per källa", "By source"),
    "class": ("Klass", "Class"),
    "resources": ("Resurser", "Resources"),
    "source": ("Källa", "Source"),
    "claims": ("Påståenden (tripler)", "Claims (triples)"),
    "tools": ("Verktyg", "Tools"),
    "gaps_link": ("Rapport om styrningsluckor", "Governance gap report"),
    "sparql_link": ("Frågegränssnitt för SPARQL", "SPARQL query interface"),
    "ontology_link": ("Ontologins dokumentation", "Ontology documentation"),
    "notebooks_link": ("Notebooks för analys", "Notebooks for analysis"),
    "api_link": ("API-dokumentation (OpenAPI)", "API documentation (OpenAPI)"),
    "results_for": ("Träffar för", "Results for"),
    "no_results": ("Inga träffar.", "No matches."),
    "matched": ("träff på", "matched"),
    "type": ("Typ", "Type"),
    "labels": ("Etiketter", "Labels"),
    "properties": ("Egenskaper", "Properties"),
    "property": ("Egenskap", "Property"),
    "value": ("Värde", "Value"),
    "sources": ("Källor", "Sources"),
    "locator": ("Plats i källan", "Locator"),
    "states": ("Anger", "States"),
    "incoming": ("Länkar hit", "Links to this"),
    "incoming_via": ("via", "via"),
    "concerning_gaps": ("Luckor som rör detta", "Gaps that concern this"),
    "no_gaps": (
        "Ingen regel i luckkatalogen pekar ut detta.",
        "No rule of the gap catalogue points to this.",
    ),
    "severity": ("Allvarlighet", "Severity"),
    "gap": ("Lucka", "Gap"),
    "why": ("Varför", "Why"),
    "absence": ("Frånvaron", "Absence"),
    "not_applicable": ("gäller inte", "not applicable"),
    "network": ("Ansvar och beroenden", "Responsibilities and dependencies"),
    "responsible_for": ("Ansvarar för", "Responsible for"),
    "depends_on": ("Beror på", "Depends on"),
    "dependents": ("Beror på detta", "Depend on this"),
    "other_links": ("Andra kopplingar", "Other links"),
    "none": ("Inga.", "None."),
    "this": ("denna", "this"),
    "picture": ("Nätverksbild", "Network picture"),
    "picture_caption": (
        "Närmaste grannar i ansvarsnätverket; pilarna går i påståendets riktning.",
        "Nearest neighbours in the responsibility network; arrows run in the direction of the statement.",
    ),
    "not_drawn": ("grannar till visas inte i bilden.", "more neighbours are not drawn."),
    "impact": (
        "Vad som står på spel om aktören faller bort (JSON)",
        "What is at risk if the actor fails (JSON)",
    ),
    "download": ("Som data", "As data"),
    "listing": ("Lista", "List"),
    "kind": ("Slag", "Kind"),
    "county": ("Län", "County"),
    "any": ("alla", "any"),
    "filter": ("Filtrera", "Filter"),
    "page_of": ("Sida {page} av {pages}", "Page {page} of {pages}"),
    "members": ("{total} träffar", "{total} members"),
    "previous": ("Föregående sida", "Previous page"),
    "next": ("Nästa sida", "Next page"),
    "name": ("Namn", "Name"),
    "not_found": ("Hittades inte", "Not found"),
    "not_found_text": ("Grafen säger ingenting om", "The graph says nothing about"),
    "did_you_mean": ("Menade du", "Did you mean"),
    "see_listing": ("Se listan", "See the list"),
    "notebooks_intro": (
        "Notebooks visar hur grafen analyseras i Python. Kör `make notebooks` i en klon av förrådet: "
        "JupyterLab öppnas med mappen notebooks/. Filerna kan också laddas ner här.",
        "The notebooks show how to analyse the graph in Python. Run `make notebooks` in a clone of the "
        "repository: JupyterLab opens on the notebooks/ folder. The files can also be downloaded here.",
    ),
    "no_notebooks": ("Det finns inga notebooks ännu.", "There are no notebooks yet."),
    "rel_responsibleFor": ("ansvarar för", "responsible for"),
    "rel_dependsOn": ("beror på", "depends on"),
    "rel_ownedBy": ("ägs av", "owned by"),
    "rel_subOrganizationOf": ("del av", "part of"),
    "rel_realises": ("förverkligar", "realises"),
    "rel_addressee": ("riktas till", "addressed to"),
    "rel_inGoalArea": ("i målområde", "in goal area"),
    "rel_partOfStrategy": ("del av strategi", "part of strategy"),
    "rel_subGoalOf": ("delmål till", "sub-goal of"),
    "role_accountable": ("ytterst ansvarig", "accountable"),
    "role_responsible": ("utförande", "responsible"),
    "role_contributes": ("bidrar", "contributes"),
    "role_consulted": ("rådfrågas", "consulted"),
    "role_informed": ("informeras", "informed"),
    "views": ("Vyer", "Views"),
    "views_intro": (
        "Tre vyer för arkitekter, byggda på källbelagda uppgifter i grafen. Varje vy finns som sida, "
        "som JSON och CSV och som kommando (samverkan matrix, dashboard, scoreboard).",
        "Three views for architects, built on sourced facts in the graph. Each is a page, JSON and CSV, "
        "and a command (samverkan matrix, dashboard, scoreboard).",
    ),
    "matrix": ("Ansvarsmatris", "Responsibility matrix"),
    "matrix_intro": (
        "Rader: det som ansvaret gäller. Kolumner: aktörer. Celler: roller (A ytterst ansvarig, "
        "R genomförandeansvarig, S bidragande, C rådfrågad, I informerad), länkade till ansvaret; "
        "siffran hänvisar till källan.",
        "Rows: what the responsibility is for. Columns: actors. Cells: roles (A accountable, "
        "R responsible, S contributes, C consulted, I informed), linked to the responsibility; "
        "the number refers to the source.",
    ),
    "dashboard": ("Luckor i bilder", "Gap dashboard"),
    "dashboard_intro": (
        "Styrningsluckorna räknade per regel, departement, aktörsslag och frånvaro. Varje stapel "
        "leder till raderna bakom den.",
        "The governance gaps counted per rule, ministry, actor kind and absence. Each bar leads to "
        "the rows behind it.",
    ),
    "scoreboard": ("EIF i Sverige", "EIF in Sweden"),
    "scoreboard_intro": (
        "För varje princip och rekommendation i ramverket: vad i Sverige som bär den, med källor, "
        "och vilka som saknar allt.",
        "For each principle and recommendation of the framework: what in Sweden carries it, with "
        "sources, and which have nothing.",
    ),
    "strategy": ("Strategi", "Strategy"),
    "framework": ("Ramverk", "Framework"),
    "ministry": ("Departement", "Ministry"),
    "actor_kind": ("Aktörsslag", "Actor kind"),
    "actor": ("Aktör", "Actor"),
    "as_of": ("Per datum", "As of"),
    "since": ("Jämför med datum", "Compare with date"),
    "only_gaps": ("Bara luckor (inte exakt en ytterst ansvarig)", "Only gaps (not exactly one accountable)"),
    "only_uncarried": ("Bara de som saknar allt", "Only those with nothing"),
    "export": ("Exportera", "Export"),
    "rows_shown": ("{rows} rader, {actors} aktörer", "{rows} rows, {actors} actors"),
    "thing": ("Sak", "Thing"),
    "gap_no_accountable": ("ingen ytterst ansvarig", "no one accountable"),
    "gap_several_accountable": ("flera ytterst ansvariga", "several accountable"),
    "by_rule": ("Per luckregel", "By gap rule"),
    "by_ministry": ("Per departement", "By ministry"),
    "by_kind": ("Per aktörsslag", "By actor kind"),
    "by_absence": ("Fastställd eller inte registrerad", "Established or not recorded"),
    "change": ("Förändring från {since} till {as_of}", "Change from {since} to {as_of}"),
    "today": ("i dag", "today"),
    "rows_behind": ("Rader", "Rows"),
    "selection": ("Urval", "Selection"),
    "clear_selection": ("Visa alla rader", "Show all rows"),
    "appeared": ("Tillkomna", "Appeared"),
    "resolved": ("Avklarade", "Resolved"),
    "rule": ("Regel", "Rule"),
    "item": ("Princip eller rekommendation", "Principle or recommendation"),
    "aligned": ("Anpassade principer", "Aligned principles"),
    "strategies": ("Strategier och mål", "Strategies and goals"),
    "implementations": ("Uppdrag, initiativ, komponenter", "Assignments, initiatives, components"),
    "accountable": ("Ytterst ansvariga", "Accountable actors"),
    "carried_nothing": ("inget", "nothing"),
    "principles": ("Principer", "Principles"),
    "recommendations": ("Rekommendationer", "Recommendations"),
    "item_count": ("Antal", "Items"),
    "with_nothing": ("Utan något", "With nothing"),
    "via": ("via", "via"),
}


def page_text(lang: str) -> dict[str, str]:
    """Every word of the frame in one language (`sv` or `en`)."""
    index = 0 if lang == "sv" else 1
    return {key: texts[index] for key, texts in TEXT.items()}


def relation_text(text: dict[str, str], relation: str, role: str | None) -> str:
    """`responsible for (accountable)`: a network relation, and its role, in words."""
    words = text.get(f"rel_{relation}", relation)
    return f"{words}: {text.get(f'role_{role}', role)}" if role else words
