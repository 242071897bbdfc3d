#include "redesign.h"

#include <algorithm>
#include <map>

namespace cairn::bench {

namespace {

// Path of nodes from the root to the element numbered `serial` (empty if absent).
bool path_to(Node& node, int serial, std::vector<Node*>& path) {
  path.push_back(&node);
  if (node.serial == serial) return true;
  for (Node& c : node.children) {
    if (path_to(c, serial, path)) return true;
  }
  path.pop_back();
  return false;
}

std::vector<Node*> find(Page& page, int serial) {
  std::vector<Node*> path;
  path_to(page.root, serial, path);
  return path;
}

std::size_t child_index(const Node& parent, const Node* child) {
  for (std::size_t i = 0; i < parent.children.size(); ++i) {
    if (&parent.children[i] == child) return i;
  }
  return parent.children.size();
}

void forget_identity(Node& n) {
  n.serial = 0;
  n.target = false;
  n.id.clear();
  for (Node& c : n.children) forget_identity(c);
}

int max_serial(const Node& n) {
  int m = n.serial;
  for (const Node& c : n.children) m = std::max(m, max_serial(c));
  return m;
}

void renumber(Page& page) { number_elements(page.root, max_serial(page.root) + 1); }

template <class F>
void each_node(Node& n, F&& f) {
  f(n);
  for (Node& c : n.children) each_node(c, f);
}

std::size_t pick(std::mt19937_64& rng, std::size_t n) {
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}
bool chance(std::mt19937_64& rng, double p) { return std::bernoulli_distribution(p)(rng); }

void regenerate_hashes(Page& page, std::mt19937_64& rng) { page.build_salt = rng() | 1; }

void change_wrappers(Page& page, int target, std::mt19937_64& rng) {
  std::vector<Node*> path = find(page, target);
  if (path.size() < 2) return;
  // Remove one plain wrapper above the target (not body, not the direct parent's
  // semantic containers like forms or lists).
  if (chance(rng, 0.5) && path.size() >= 4) {
    for (std::size_t k = path.size() - 2; k >= 2; --k) {
      Node* wrapper = path[k];
      if ((wrapper->tag == "div" || wrapper->tag == "section") && chance(rng, 0.6)) {
        Node* parent = path[k - 1];
        std::size_t at = child_index(*parent, wrapper);
        std::vector<Node> lifted = std::move(wrapper->children);
        parent->children.erase(parent->children.begin() + static_cast<std::ptrdiff_t>(at));
        parent->children.insert(parent->children.begin() + static_cast<std::ptrdiff_t>(at),
                                std::make_move_iterator(lifted.begin()),
                                std::make_move_iterator(lifted.end()));
        break;
      }
    }
    path = find(page, target);
  }
  // Wrap the target, and sometimes its parent too, in new styled divs.
  for (int depth = 0; depth < (chance(rng, 0.5) ? 2 : 1); ++depth) {
    path = find(page, target);
    std::size_t k = path.size() - 1 - static_cast<std::size_t>(depth);
    if (k < 1) break;
    Node* inner = path[k];
    Node* parent = path[k - 1];
    std::size_t at = child_index(*parent, inner);
    Node wrapper = styled("div", depth == 0 ? "ButtonWrapper" : "Stack");
    wrapper.add(std::move(*inner));
    parent->children[at] = std::move(wrapper);
  }
  renumber(page);
}

void change_siblings(Page& page, int target, std::mt19937_64& rng) {
  std::vector<Node*> path = find(page, target);
  if (path.size() < 2) return;
  Node* parent = path[path.size() - 2];
  static const char* kNew[] = {"Help", "Import", "Duplicate", "Beta", "What's new", "Invite"};
  int inserts = 1 + static_cast<int>(pick(rng, 3));
  for (int i = 0; i < inserts; ++i) {
    // A new sibling of the same kind (a new row, option, tab or button): same
    // structure and styling, its own texts and identifying attributes.
    Node n = parent->children[pick(rng, parent->children.size())];
    forget_identity(n);
    const std::string label = kNew[pick(rng, 6)];
    each_node(n, [&](Node& d) {
      if (!d.text.empty()) d.text = label;
      for (auto& [k, v] : d.attributes) {
        if (k == "aria-label" || k == "data-testid" || k == "href" || k == "value" ||
            k == "name" || k == "placeholder" || k == "title") {
          v = "x-" + label;
        }
      }
    });
    parent->children.insert(parent->children.begin() +
                                static_cast<std::ptrdiff_t>(pick(rng, parent->children.size() + 1)),
                            std::move(n));
  }
  std::shuffle(parent->children.begin(), parent->children.end(), rng);
  renumber(page);
}

void add_decoys(Page& page, int target, std::mt19937_64& rng) {
  std::vector<Node*> path = find(page, target);
  if (path.size() < 2) return;
  Node copy = *path.back();
  forget_identity(copy);
  Node near = copy;
  static const char* kSuffix[] = {" draft", " all", " later", " (2)"};
  if (!near.text.empty()) near.text += kSuffix[pick(rng, 4)];
  // A look-alike differs in something a person would see or a form would send.
  for (auto& [k, v] : near.attributes) {
    if (k == "aria-label" || k == "placeholder" || k == "value" || k == "title" ||
        (k == "name" && near.text.empty())) {
      v += kSuffix[pick(rng, 4)];
    }
  }
  // A look-alike next to the target, and an exact copy in another region.
  Node* parent = path[path.size() - 2];
  parent->children.insert(parent->children.begin() +
                              static_cast<std::ptrdiff_t>(pick(rng, parent->children.size() + 1)),
                          std::move(near));
  std::vector<Node*> containers;
  each_node(page.root, [&](Node& n) {
    if (!n.children.empty() && &n != parent && n.tag != "tr" && n.tag != "select") containers.push_back(&n);
  });
  Node* far = containers[pick(rng, containers.size())];
  Node region = styled("div", "Promo");
  region.classes = {"callout"};
  region.add(el("p", {}, "Tip of the day"));
  region.add(std::move(copy));
  far->children.insert(far->children.begin(), std::move(region));
  renumber(page);
}

void edit_text(Page& page, int target, std::mt19937_64& rng) {
  std::vector<Node*> path = find(page, target);
  if (path.empty()) return;
  Node& t = *path.back();
  static const std::map<std::string, std::string> kSynonyms = {
      {"Delete", "Remove"}, {"New task", "Add task"}, {"Search", "Find"}, {"Apply", "Redeem"},
      {"Export CSV", "Download CSV"}, {"Compose", "New message"}, {"Share", "Invite"},
      {"Pay now", "Complete order"}, {"Cancel", "Discard"}};
  auto edit = [&](std::string& s) {
    if (s.empty()) return;
    auto it = kSynonyms.find(s);
    switch (pick(rng, 4)) {
      case 0: {  // a word added
        static const char* kAdd[] = {" now", " all", " changes", " →", " (new)"};
        s += kAdd[pick(rng, 5)];
        break;
      }
      case 1:  // case and punctuation restyled
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        s += "…";
        break;
      case 2:  // a word prefixed
        s = (chance(rng, 0.5) ? "+ " : "Quick ") + s;
        break;
      default:  // reworded when we know a synonym, else a suffix
        if (it != kSynonyms.end()) s = it->second;
        else s += " items";
    }
  };
  edit(t.text);
  for (auto& [k, v] : t.attributes) {
    if (k == "aria-label" || k == "placeholder" || k == "title") edit(v);
  }
}

const std::map<std::string, std::string>& german() {
  static const std::map<std::string, std::string> kWords = {
      {"Save", "Speichern"}, {"Cancel", "Abbrechen"}, {"Search", "Suchen"}, {"New", "Neue"},
      {"task", "Aufgabe"}, {"tasks", "Aufgaben"}, {"project", "Projekt"}, {"Projects", "Projekte"},
      {"Create", "Erstellen"}, {"Delete", "Löschen"}, {"Edit", "Bearbeiten"}, {"Archive", "Archivieren"},
      {"Settings", "Einstellungen"}, {"Filter", "Filtern"}, {"Sort", "Sortieren"}, {"Share", "Teilen"},
      {"Apply", "Anwenden"}, {"Export", "Exportieren"}, {"Compose", "Schreiben"}, {"Inbox", "Posteingang"},
      {"Sent", "Gesendet"}, {"Drafts", "Entwürfe"}, {"More", "Mehr"}, {"Starred", "Markiert"},
      {"Refresh", "Aktualisieren"}, {"Email", "E-Mail"}, {"Pay", "Bezahlen"}, {"now", "jetzt"},
      {"Add", "Hinzufügen"}, {"file", "Datei"}, {"Go", "Gehe"}, {"to", "zu"}, {"Code", "Code"},
      {"Issues", "Probleme"}, {"Pull", "Pull"}, {"requests", "Anfragen"}, {"Actions", "Aktionen"},
      {"Security", "Sicherheit"}, {"Insights", "Einblicke"}, {"Watch", "Beobachten"}, {"Fork", "Abspalten"},
      {"Star", "Stern"}, {"Orders", "Bestellungen"}, {"Order", "Bestellung"}, {"Customer", "Kunde"},
      {"Customers", "Kunden"}, {"Products", "Produkte"}, {"Reports", "Berichte"}, {"Dashboard", "Übersicht"},
      {"View", "Ansehen"}, {"report", "Bericht"}, {"Next", "Weiter"}, {"Previous", "Zurück"},
      {"First", "Vorname"}, {"Last", "Nachname"}, {"name", ""}, {"Address", "Adresse"}, {"City", "Stadt"},
      {"Postal", "Postleitzahl"}, {"code", ""}, {"Country", "Land"}, {"Card", "Karten"},
      {"number", "nummer"}, {"Discount", "Rabatt"}, {"Back", "Zurück"}, {"cart", "Warenkorb"},
      {"Board", "Tafel"}, {"List", "Liste"}, {"Timeline", "Zeitplan"}, {"Files", "Dateien"},
      {"Group", "Gruppieren"}, {"by", "nach"}, {"Notifications", "Benachrichtigungen"},
      {"Account", "Konto"}, {"menu", "Menü"}, {"My", "Meine"}, {"Team", "Team"},
      {"Select", "Auswählen"}, {"Older", "Älter"}, {"Newer", "Neuer"}, {"Primary", "Allgemein"},
      {"Promotions", "Werbung"}, {"Social", "Soziale"}, {"Updates", "Benachrichtigungen"},
      {"Snooze", "Zurückstellen"}, {"Mark", "Als"}, {"as", "gelesen"}, {"read", "markieren"},
      {"Remove", "Entfernen"}, {"item", "Artikel"}, {"Status", "Status"}, {"Total", "Summe"},
      {"Description", "Beschreibung"}, {"Project", "Projekt"}, {"Homepage", "Startseite"},
      {"Main", "Haupt"}, {"Support", "Hilfe"}, {"Labels", "Labels"}, {"Work", "Arbeit"},
      {"Travel", "Reisen"}, {"Receipts", "Belege"}, {"Snoozed", "Zurückgestellt"},
      {"Privacy", "Datenschutz"}, {"Terms", "Bedingungen"}, {"Contact", "Kontakt"}, {"Docs", "Doku"},
      {"Information", "Informationen"}, {"Shipping", "Versand"}, {"Payment", "Zahlung"},
      {"Expiration", "Ablauf"}, {"date", "datum"}, {"From", "Von"}, {"To", "Bis"}, {"filters", "Filter"},
      {"Revenue", "Umsatz"}, {"Refunds", "Erstattungen"}, {"Active", "Aktive"}, {"Task", "Aufgabe"}};
  return kWords;
}

std::string translate(const std::string& s) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    auto it = german().find(word);
    out += it == german().end() ? word : it->second;
    word.clear();
  };
  for (char c : s) {
    if (c == ' ') {
      flush();
      out += ' ';
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

void translate_page(Page& page) {
  page.locale = "de-DE";
  each_node(page.root, [](Node& n) {
    n.text = translate(n.text);
    for (auto& [k, v] : n.attributes) {
      if (k == "aria-label" || k == "placeholder" || k == "title" || k == "data-tooltip") v = translate(v);
    }
  });
}

// Labels follow their field's renamed id.
void relink_labels(Page& page, const std::map<std::string, std::string>& renamed) {
  each_node(page.root, [&](Node& n) {
    for (auto& [k, v] : n.attributes) {
      if (k != "for") continue;
      auto it = renamed.find(v);
      if (it != renamed.end()) v = it->second;
    }
  });
}

void rename_ids(Page& page, std::mt19937_64& rng) {
  std::map<std::string, std::string> renamed;
  each_node(page.root, [&](Node& n) {
    if (n.id.empty()) return;
    std::string next;
    switch (pick(rng, 3)) {
      case 0: next = n.id + "-field"; break;
      case 1: next = "app-" + n.id; break;
      default: next = ":r" + std::to_string(pick(rng, 90) + 10) + ":";
    }
    renamed[n.id] = next;
    n.id = next;
  });
  relink_labels(page, renamed);
}

void swap_tag(Page& page, int target) {
  std::vector<Node*> path = find(page, target);
  if (path.empty()) return;
  Node& t = *path.back();
  if (t.tag == "button") {
    t.tag = "a";
    t.set_attribute("href", "#");
    t.set_attribute("role", "button");
  } else if (t.tag == "a") {
    t.tag = "button";
    t.attributes.erase(std::remove_if(t.attributes.begin(), t.attributes.end(),
                                      [](const auto& kv) { return kv.first == "href"; }),
                       t.attributes.end());
  } else if (t.tag == "input") {
    std::string_view type = t.attribute("type");
    t.set_attribute("type", type == "checkbox" || type == "radio" ? "button" : "search");
    if (type == "checkbox" || type == "radio") {
      t.tag = "button";
      t.set_attribute("role", std::string(type));
    }
  } else if (t.tag == "select") {
    t.tag = "button";
    t.set_attribute("role", "combobox");
    t.children.clear();
  } else {
    t.tag = "button";  // div/span/li "buttons" become real buttons
  }
}

void go_responsive(Page& page, int target, std::mt19937_64& rng) {
  page.width = 390;
  each_node(page.root, [&](Node& n) {
    if (n.row && n.children.size() > 3) n.row = false;  // stack wide rows
  });
  // Move the first region (often a sidebar or header) to the end.
  if (page.root.children.size() > 1 && chance(rng, 0.5)) {
    std::rotate(page.root.children.begin(), page.root.children.begin() + 1, page.root.children.end());
  }
  std::vector<Node*> path = find(page, target);
  each_node(page.root, [&](Node& n) {
    bool on_path = std::find(path.begin(), path.end(), &n) != path.end();
    if ((n.tag == "footer" || n.tag == "aside") && !on_path && chance(rng, 0.5)) n.hidden = true;
  });
}

bool delete_target(Page& page, int target, std::mt19937_64& rng) {
  std::vector<Node*> path = find(page, target);
  if (path.size() < 2) return true;
  Node* parent = path[path.size() - 2];
  if (parent->children.size() == 1 && path.size() >= 3 && chance(rng, 0.5)) {
    Node* grand = path[path.size() - 3];
    grand->children.erase(grand->children.begin() + static_cast<std::ptrdiff_t>(child_index(*grand, parent)));
  } else {
    parent->children.erase(parent->children.begin() +
                           static_cast<std::ptrdiff_t>(child_index(*parent, path.back())));
  }
  return false;
}

// A short lowercase base-36 hash, the kind a build tool appends to scoped names.
std::string build_hash(std::mt19937_64& rng, int length) {
  static constexpr char kAlnum[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  for (int i = 0; i < length; ++i) out += kAlnum[pick(rng, 36)];
  return out;
}

// A design-system migration: every hand-written class is replaced by the new
// system's name for it, the same name everywhere on the page; none of the old
// names survive. The new names are either a CSS-modules build's generated ones
// ("btn" -> "Ds3_root__k3x9a") or new semantic names ("btn" -> "ds-action"),
// and the hashed style classes are rebuilt too.
void rebuild_classes(Page& page, std::mt19937_64& rng) {
  static const char* kSemantic[] = {"surface", "action", "stack", "cell",  "chip",  "field",
                                    "panel",   "item",   "bar",   "group", "frame", "label"};
  const bool css_modules = chance(rng, 0.5);
  std::map<std::string, std::string> renamed;
  each_node(page.root, [&](Node& n) {
    for (std::string& c : n.classes) {
      auto it = renamed.find(c);
      if (it == renamed.end()) {
        std::string next = css_modules
                               ? "Ds" + std::to_string(renamed.size()) + "_root__" + build_hash(rng, 5)
                               : std::string("ds-") + kSemantic[pick(rng, 12)];
        it = renamed.emplace(c, std::move(next)).first;
      }
      c = it->second;
    }
  });
  regenerate_hashes(page, rng);
}

// A build that scopes ids (CSS modules, a micro-frontend prefix): every id gains a
// generated part, after it ("invite-team-css-252vx", "country_k3x9a") or before it
// ("x1y2z3-save"), one scheme per build; labels' `for` follow.
void rescope_ids(Page& page, std::mt19937_64& rng) {
  const std::size_t scheme = pick(rng, 3);
  std::map<std::string, std::string> renamed;
  each_node(page.root, [&](Node& n) {
    if (n.id.empty()) return;
    std::string next;
    switch (scheme) {
      case 0: next = n.id + "-css-" + build_hash(rng, 5); break;
      case 1: next = n.id + "_" + build_hash(rng, 5); break;
      default: next = build_hash(rng, 2) + "1" + build_hash(rng, 3) + "-" + n.id;
    }
    renamed[n.id] = next;
    n.id = next;
  });
  relink_labels(page, renamed);
}

}  // namespace

const std::vector<Redesign>& all_redesigns() {
  static const std::vector<Redesign> kinds = {
      Redesign::class_hashes, Redesign::wrappers,   Redesign::siblings, Redesign::decoys,
      Redesign::text_edit,    Redesign::translation, Redesign::id_change, Redesign::tag_swap,
      Redesign::responsive,   Redesign::deletion,   Redesign::combined,
      Redesign::class_rebuild, Redesign::id_rescope, Redesign::class_rebuild_deletion};
  return kinds;
}

std::string_view redesign_name(Redesign kind) {
  switch (kind) {
    case Redesign::class_hashes: return "class hashes";
    case Redesign::wrappers: return "wrappers";
    case Redesign::siblings: return "siblings";
    case Redesign::decoys: return "decoys";
    case Redesign::text_edit: return "text edit";
    case Redesign::translation: return "translation";
    case Redesign::id_change: return "id change";
    case Redesign::tag_swap: return "tag swap";
    case Redesign::responsive: return "responsive";
    case Redesign::deletion: return "deletion";
    case Redesign::combined: return "combined";
    case Redesign::class_rebuild: return "class rebuild";
    case Redesign::id_rescope: return "id rescope";
    case Redesign::class_rebuild_deletion: return "class rebuild + deletion";
  }
  return "";
}

bool apply_redesign(Page& page, int target, Redesign kind, std::mt19937_64& rng) {
  switch (kind) {
    case Redesign::class_hashes: regenerate_hashes(page, rng); break;
    case Redesign::wrappers: change_wrappers(page, target, rng); break;
    case Redesign::siblings: change_siblings(page, target, rng); break;
    case Redesign::decoys: add_decoys(page, target, rng); break;
    case Redesign::text_edit: edit_text(page, target, rng); break;
    case Redesign::translation: translate_page(page); break;
    case Redesign::id_change: rename_ids(page, rng); break;
    case Redesign::tag_swap: swap_tag(page, target); break;
    case Redesign::responsive: go_responsive(page, target, rng); break;
    case Redesign::deletion: return delete_target(page, target, rng);
    case Redesign::combined:
      regenerate_hashes(page, rng);
      change_wrappers(page, target, rng);
      change_siblings(page, target, rng);
      if (chance(rng, 0.5)) edit_text(page, target, rng);
      if (chance(rng, 0.3)) rename_ids(page, rng);
      break;
    case Redesign::class_rebuild:
      rebuild_classes(page, rng);
      change_wrappers(page, target, rng);
      change_siblings(page, target, rng);
      break;
    case Redesign::id_rescope:
      regenerate_hashes(page, rng);
      rescope_ids(page, rng);
      translate_page(page);
      break;
    case Redesign::class_rebuild_deletion:
      rebuild_classes(page, rng);
      return delete_target(page, target, rng);
  }
  return !find(page, target).empty();
}

}  // namespace cairn::bench
